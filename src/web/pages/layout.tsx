import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { useHref } from './href.ts';
import { whenText } from '../when.ts';

/** The page around every page; `feed.href` is one of stet's paths, as every path given to a page is (useHref adds the prefix). */
export function Layout(props: { title: string; children: Child; feed?: { href: string; title: string } }) {
  const href = useHref();
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · stet</title>
        <link rel="stylesheet" href={href('/static/style.css')} />
        <link rel="alternate" type="application/rss+xml" title={props.feed?.title ?? 'stet: all revisions'} href={href(props.feed?.href ?? '/feed.xml')} />
      </head>
      <body>
        <header class="site">
          <a class="brand" href={href('/')}>stet</a>
          <nav>
            <a href={href('/')}>Revisions</a>
            <a href={href('/articles')}>Watch list</a>
            <a href={href('/sources')}>Sources</a>
            <a href={href('/feed.xml')}>RSS</a>
          </nav>
        </header>
        <main>{props.children}</main>
      </body>
      </html>
    </>
  );
}

/** A point in time as stet shows it: UTC, machine-readable in `datetime`. */
export function When(props: { at: number | null | undefined }) {
  if (props.at == null) return <span class="muted">never</span>;
  return <time datetime={new Date(props.at).toISOString()}>{whenText(props.at)}</time>;
}


/**
 * A publisher's stamp on the publisher's clock, as stet shows its own times
 * but never moved to UTC: "2019-01-31", "2019-01-31 15:13 −05:00", "2019-01-31
 * 15:13 UTC", "2019-01-31 15:13 (no zone given)"; anything else verbatim.
 */
export function Stamp(props: { value: string | null | undefined }) {
  if (!props.value) return <span class="muted">—</span>;
  return <time datetime={props.value}>{stampText(props.value)}</time>;
}

export function stampText(value: string): string {
  const m = /^(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?$/.exec(value);
  if (m === null) return value;
  const [, day, time, zone] = m;
  if (time === undefined) return day!;
  if (zone === undefined) return `${day} ${time} (no zone given)`;
  return `${day} ${time} ${zone === 'Z' || zone === '+00:00' ? 'UTC' : zone.replace('-', '−')}`;
}

/**
 * When the next check (or read) is: its time, or, before the first one has
 * finished, that it is under way (the stored time is then the check's lease,
 * not a schedule a reader should wait for). With the scheduler off
 * (SCHEDULER=false), no check comes by itself in this process: said so, and
 * what does check (`what`: "stet check 12 or …"; not the words "Check now", which would stand
 * before the button that says them, and a browser test clicks the first text "Check now").
 */
/** Due longer ago than this, a check is waiting for its site rather than under way (a scheduler tick is 15 s). */
const WAITING_AFTER_MS = 2 * 60_000;

export function NextCheck(props: { at: number; lastCheckedAt: number | null; schedulerOff?: { what: string } | undefined; siteWaitsUntil?: number | undefined }) {
  if (props.schedulerOff) {
    const off = `none scheduled: the scheduler is off (SCHEDULER=false), so it is checked when someone runs ${props.schedulerOff.what}`;
    return <span class="muted">{props.lastCheckedAt === null ? `not checked yet; ${off}` : off}</span>;
  }
  // The site's Retry-After holds every article of it, whatever their own times say (QA: they read "04:26" while held to 04:27).
  if (props.siteWaitsUntil !== undefined && props.siteWaitsUntil > Date.now() && props.siteWaitsUntil > props.at) {
    return <span>not before <When at={props.siteWaitsUntil} />: the site asked stet to wait (Retry-After)</span>;
  }
  // Due a while ago and not checked: its site is busy with others (one fetch a site at a time), not "under way".
  const waiting = props.at < Date.now() - WAITING_AFTER_MS;
  if (props.lastCheckedAt === null) return waiting ? <span class="muted">first check waiting for its site since <When at={props.at} /></span> : <span class="muted">first check under way</span>;
  return waiting ? <span>due since <When at={props.at} />, waiting for its site</span> : <When at={props.at} />;
}

/** What the action just done found or did ("Checked: no change."), carried back in the address it redirected to. */
export function Notice(props: { text: string | undefined }) {
  return props.text ? <p class="notice" role="status">{props.text}</p> : null;
}


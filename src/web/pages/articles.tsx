import type { ArticleListing, SourceRow } from '../../db/store.ts';
import { describeFailure } from '../../monitor/failure-words.ts';
import { useHref } from './href.ts';
import { Layout, NextCheck, Notice, When } from './layout.tsx';

export interface ArticlesPageProps {
  /** One page of the watch list. */
  articles: ArticleListing[];
  /** The next page of older articles, when there may be one. */
  olderHref?: string | null;
  /** The first page, when this is a later one. */
  newestHref?: string | null;
  error?: string;
  url?: string;
  source?: SourceRow;
  notice?: string | undefined;
  /** SCHEDULER=false: no next check comes by itself (NextCheck says so). */
  schedulerOff?: boolean;
  /** Until when a site asked stet to wait (its Retry-After), by host, for the sites on this page held now. */
  siteWaits?: ReadonlyMap<string, number>;
  /** Sites whose articles wait past their time (store.sitesBehind), the longest queue first. */
  behind?: { host: string; due: number; oldest: number }[];
}

export function ArticlesPage(props: ArticlesPageProps) {
  const href = useHref();
  return (
    <Layout title="Watch list">
      <h1>Watch list</h1>
      {props.source ? (
        <p class="muted">
          The articles added by the source {props.source.title ?? props.source.url} · <a href={href('/articles')}>all articles</a>
        </p>
      ) : null}
      <form class="add" method="post" action={href('/articles')}>
        <label for="url">Article URL</label>
        <input id="url" name="url" type="text" inputmode="url" autocomplete="off" autocapitalize="off" spellcheck={false} required placeholder="https://example.com/news/story" value={props.url ?? ''} />
        <button type="submit">Watch</button>
      </form>
      {props.error ? <p class="error" role="alert">{props.error}</p> : null}
      <Notice text={props.notice} />
      {props.behind && props.behind.length > 0 ? (
        <div class="behind" role="status">
          <p>Behind schedule: stet checks one page of a site at a time, so a site with more fresh articles than it answers in their interval falls behind (README, "How much it can watch"; a longer interval for some of them helps).</p>
          <ul>
            {props.behind.map((site) => (
              <li>{site.host || 'a site not named yet'}: {site.due} {site.due === 1 ? 'article' : 'articles'} waiting, the oldest due since <When at={site.oldest} /></li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.newestHref ? <p class="muted"><a href={href(props.newestHref)}>← Newest articles</a></p> : null}
      {props.articles.length === 0 ? (
        <p class="empty">{props.newestHref ? 'Nothing older.' : 'Nothing watched yet.'}</p>
      ) : (
        <table class="articles">
          <thead>
            <tr><th>Article</th><th>Versions</th><th>Last checked</th><th>Next check</th><th>State</th></tr>
          </thead>
          <tbody>
            {props.articles.map((a) => (
              <tr>
                <td>
                  <a href={href(`/articles/${a.id}`)}>{a.title ?? a.url}</a>
                  <div class="url">{a.url}</div>
                </td>
                {/* data-label: the column's name, shown beside the value where a narrow screen stacks each row (style.css). */}
                <td data-label="Versions">{a.versionCount}</td>
                <td data-label="Last checked"><When at={a.lastCheckedAt} /></td>
                <td data-label="Next check">{a.state === 'active' ? <NextCheck at={a.nextCheckAt} lastCheckedAt={a.lastCheckedAt} siteWaitsUntil={props.siteWaits?.get(a.host)} schedulerOff={props.schedulerOff ? { what: `stet check ${a.id} or uses the check button on its page` } : undefined} /> : <span class="muted">—</span>}</td>
                <td data-label="State">
                  {a.state}
                  {a.removedSince !== null ? <div><span class="badge removed" title="The page answers 404 or 410, or its address now leads to a page above it (the front page, a section); the versions stay">removed</span> since <When at={a.removedSince} /></div> : null}
                  {a.lastError ? <CheckProblem error={a.lastError} failures={a.failureCount} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.olderHref ? <p class="older"><a href={href(props.olderHref)}>Older articles →</a></p> : null}
    </Layout>
  );
}

/**
 * Why the last check(s) failed, in words (the stored reason, code and all, is
 * the tooltip), as `stet list` says it. Not "failing": that names a source no
 * longer read; an article is checked again on its schedule.
 */
function CheckProblem(props: { error: string; failures: number }) {
  const checks = props.failures > 1 ? `last ${props.failures} checks failed` : 'last check failed';
  const words = describeFailure(props.error);
  return <div class="error" title={props.error}>{checks}: {words.length > 80 ? `${words.slice(0, 79)}…` : words}</div>;
}

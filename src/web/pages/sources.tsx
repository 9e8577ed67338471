import type { SourceRow } from '../../db/store.ts';
import { describeFailure } from '../../monitor/failure-words.ts';
import { useHref } from './href.ts';
import { Layout, NextCheck, Notice, When } from './layout.tsx';

const KIND: Record<string, string> = { feed: 'feed', sitemap: 'sitemap', 'sitemap-index': 'sitemap index' };

/** The sources (feeds and sitemaps) that bring new articles in, with the form to add one. */
export function SourcesPage(props: { sources: SourceRow[]; deleted?: ReadonlyMap<number, number>; error?: string; url?: string; intervalMinutes: number; notice?: string | undefined }) {
  const href = useHref();
  return (
    <Layout title="Sources">
      <h1>Sources</h1>
      <p class="muted">
        A source is an RSS, Atom or RDF feed, a sitemap (news sitemaps too), or a site's front page that announces its feed. stet reads it every{' '}
        {props.intervalMinutes === 1 ? 'minute' : `${props.intervalMinutes} minutes`} (unless set otherwise) and watches each new article it lists; articles stay watched if the source is removed.
      </p>
      <form class="add" method="post" action={href('/sources')}>
        <label for="url">Feed, sitemap or front page URL</label>
        <input id="url" name="url" type="text" inputmode="url" autocomplete="off" autocapitalize="off" spellcheck={false} required placeholder="https://example.com/feed.xml" value={props.url ?? ''} />
        <button type="submit">Add source</button>
      </form>
      {props.error ? <p class="error" role="alert">{props.error}</p> : null}
      <Notice text={props.notice} />
      {props.sources.length === 0 ? (
        <p class="empty">No sources yet.</p>
      ) : (
        <table class="articles sources">
          <thead>
            <tr><th>Source</th><th>Articles added</th><th>Last read</th><th>Next read</th><th>State</th><th></th></tr>
          </thead>
          <tbody>
            {props.sources.map((s) => (
              <tr id={`source-${s.id}`}>
                <td>
                  {s.title ?? null}
                  <div class="url">{s.url}</div>
                  {s.feedUrl ? <div class="url">via {s.feedUrl}</div> : null}
                  <div class="muted">
                    {s.kind ? `${KIND[s.kind] ?? s.kind}, ` : ''}every {s.intervalMinutes === 1 ? 'minute' : `${s.intervalMinutes} minutes`}
                  </div>
                </td>
                <td>
                  <ArticlesAdded added={s.articlesAdded} deleted={props.deleted?.get(s.id) ?? 0} href={href(`/articles?source=${s.id}`)} />
                </td>
                <td><When at={s.lastCheckedAt} /></td>
                <td>{s.state === 'active' ? <NextCheck at={s.nextCheckAt} lastCheckedAt={s.lastCheckedAt} /> : <span class="muted">—</span>}</td>
                <td>
                  {s.state}
                  <SourceProblem source={s} />
                </td>
                <td>
                  <div class="actions">
                    <form method="post" action={href(`/sources/${s.id}/read`)}><button type="submit">Read now</button></form>
                    <form method="post" action={href(`/sources/${s.id}/${s.state === 'active' ? 'pause' : 'resume'}`)}>
                      <button type="submit">{s.state === 'active' ? 'Pause' : 'Resume'}</button>
                    </form>
                    <form method="post" action={href(`/sources/${s.id}/remove`)}><button type="submit">Remove</button></form>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/**
 * How many articles a source added, linked to its articles on the watch list; when some were deleted since, how many
 * (QA: "1" linked to an empty list after its article was deleted).
 */
function ArticlesAdded(props: { added: number; deleted: number; href: string }) {
  if (props.added === 0) return <>0</>;
  if (props.deleted === 0) return <a href={props.href}>{props.added}</a>;
  if (props.deleted >= props.added) return <>{props.added} <span class="muted">(deleted since)</span></>;
  return <><a href={props.href}>{props.added}</a> <span class="muted">({props.deleted} deleted since)</span></>;
}

/**
 * Why the last read failed, in words (the stored reason, code and all, is
 * the tooltip); for a failing source, since when every read has refused it,
 * and that it waits for Resume.
 */
function SourceProblem(props: { source: SourceRow }) {
  const s = props.source;
  if (s.state === 'failing') {
    return (
      <div class="error" title={s.lastError ?? undefined}>
        refused on every read since <When at={s.refusedSince} /> ({s.refusalCount} reads): {s.lastError === null ? 'no reason kept' : describeFailure(s.lastError)}; not read until resumed
      </div>
    );
  }
  // Not "failing": that is the state above, a source no longer read. This one is read again on its schedule.
  const reads = s.failureCount > 1 ? `last ${s.failureCount} reads failed` : 'last read failed';
  return s.lastError ? <div class="error" title={s.lastError}>{reads}: {describeFailure(s.lastError)}</div> : null;
}

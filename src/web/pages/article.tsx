import { LONGEST_BASE_INTERVAL_MINUTES } from '../../config.ts';
import type { ArticleRow, CheckRow, RemovalRow, VersionSummary } from '../../db/store.ts';
import { confirmableFrom } from '../../monitor/confirm.ts';
import { describeFailure } from '../../monitor/failure-words.ts';
import { goneRunStart } from '../../monitor/gone.ts';
import { goneAnswer } from '../activity.ts';
import { describeChanges } from '../revisions.ts';
import { useHref } from './href.ts';
import { Layout, NextCheck, Notice, Stamp, When } from './layout.tsx';

/** One page of an article's versions (pages.tsx timelinePage). */
export interface Timeline {
  /** Consecutive versions, oldest first. */
  versions: VersionSummary[];
  /** For each of them, whether it is a stealth edit. */
  stealth: boolean[];
  /** The article's latest version, on this page or not. */
  latest: VersionSummary | undefined;
  olderHref: string | null;
  newestHref: string | null;
}

/**
 * The article's timeline. `removals`: those recorded after a version this
 * page shows; `away`: the removal the page is in now, if any.
 */
export function ArticlePage(props: { article: ArticleRow; timeline: Timeline; removals: RemovalRow[]; away: RemovalRow | undefined; checks: CheckRow[]; notice?: string | undefined; schedulerOff?: boolean; siteWaitsUntil?: number | undefined; samePage?: Pick<ArticleRow, 'id' | 'url'>[] }) {
  const { article, timeline, removals, away } = props;
  const { versions, latest } = timeline;
  const count = latest?.ordinal ?? 0;
  const paged = timeline.olderHref !== null || timeline.newestHref !== null;
  const href = useHref();
  const goneSince = away === undefined && count > 0 ? goneRunStart(props.checks) : null;
  return (
    <Layout title={article.title ?? article.url} feed={{ href: `/articles/${article.id}/feed.xml`, title: `stet: ${article.title ?? article.url}` }}>
      <h1>{article.title ?? article.url}</h1>
      <p class="url"><a href={article.url} rel="noopener noreferrer nofollow">{article.url}</a></p>
      <Notice text={props.notice} />
      <dl class="facts">
        <dt>Published (publisher)</dt><dd><Stamp value={latest?.publishedAt} /></dd>
        <dt>Updated (publisher)</dt><dd><Stamp value={latest?.latestModifiedAt} /></dd>
        <dt>Watching since</dt><dd><When at={article.createdAt} /></dd>
        <dt>Checked every</dt>
        <dd>
          <form class="inline" method="post" action={href(`/articles/${article.id}/interval`)}>
            <input name="intervalMinutes" type="number" min="1" max={String(LONGEST_BASE_INTERVAL_MINUTES)} required value={String(article.intervalMinutes)} aria-label="Check interval in minutes" />{' '}
            minutes, longer while the article stays quiet <button type="submit">Set</button>
          </form>
        </dd>
        <dt>Last checked</dt><dd><When at={article.lastCheckedAt} /></dd>
        {article.state === 'active' ? (
          <><dt>Next check</dt><dd><NextCheck at={article.nextCheckAt} lastCheckedAt={article.lastCheckedAt} siteWaitsUntil={props.siteWaitsUntil} schedulerOff={props.schedulerOff ? { what: `stet check ${article.id} or uses the check button on this page` } : undefined} /></dd></>
        ) : (
          <><dt>Watching</dt><dd><span class="badge">{article.state}</span> no scheduled checks until resumed; the versions stay</dd></>
        )}
        {away ? (
          <><dt>On the site</dt><dd class="error"><span class="badge removed">removed</span> {goneAnswer(away)} since <When at={away.removedAt} />; the versions stay, and stet keeps checking</dd></>
        ) : null}
        {article.pendingFingerprint !== null && article.pendingSince !== null ? (
          // What `stet check` and Check now say of an unconfirmed check (monitor/confirm.ts), kept on the page until settled.
          <><dt>Held</dt><dd>Most of the article's text was gone or replaced on the check at <When at={article.pendingSince} />, which a passing glitch (a consent or error page) also does: it becomes a version only if a check from <When at={confirmableFrom(article.pendingSince, null)} /> on still finds it so</dd></>
        ) : null}
        {goneSince !== null ? (
          <><dt>Held</dt><dd>The page has answered as gone since <When at={goneSince} />: it is recorded as removed if a check from <When at={confirmableFrom(goneSince, null)} /> on still finds it gone</dd></>
        ) : null}
        {article.canonicalUrl !== null && article.canonicalUrl !== article.url ? (
          // A renamed slug shows here: the old address redirects, and the page names its new one.
          <><dt>Canonical address</dt><dd>the page names <a href={article.canonicalUrl} rel="noopener noreferrer nofollow">{article.canonicalUrl}</a> as its address</dd></>
        ) : null}
        {props.samePage && props.samePage.length > 0 ? (
          // Two addresses of one page watched as two articles ("…/story/" and "…/story"; QA): their versions are the same edits twice.
          <><dt>Also watched as</dt><dd>{props.samePage.map((a, i) => <>{i > 0 ? ', ' : ''}<a href={href(`/articles/${a.id}`)}>#{a.id}</a> <span class="url">{a.url}</span></>)}: the same page, by the address it names as its own</dd></>
        ) : null}
        {article.lastError ? (
          // In words, as `stet list` says it; the stored reason (code and all) is the tooltip. Not "failing": that names a source no longer read.
          <><dt>Last error</dt><dd class="error" title={article.lastError}>{describeFailure(article.lastError)} ({article.failureCount > 1 ? `last ${article.failureCount} checks failed` : 'last check failed'})</dd></>
        ) : null}
      </dl>
      <div class="actions">
        <form method="post" action={href(`/articles/${article.id}/check`)}><button type="submit">Check now</button></form>
        {count > 1 ? <a class="button" href={href(`/articles/${article.id}/diff/1..${count}`)}>Original → latest</a> : null}
        <a href={href(`/articles/${article.id}/feed.xml`)}>RSS for this article</a>
        {article.state === 'active' ? (
          <form method="post" action={href(`/articles/${article.id}/pause`)}><button type="submit">Pause watching</button></form>
        ) : (
          <form method="post" action={href(`/articles/${article.id}/resume`)}><button type="submit">Resume watching</button></form>
        )}
        <a class="danger" href={href(`/articles/${article.id}/delete`)}>Delete…</a>
      </div>
      <h2 id="versions">Versions</h2>
      {paged && versions.length > 0 ? <p class="muted">Versions {versions[0]!.ordinal}–{versions.at(-1)!.ordinal} of {count}, newest first.</p> : null}
      {timeline.newestHref ? <p class="muted"><a href={href(`${timeline.newestHref}#versions`)}>← Newest versions</a></p> : null}
      {versions.length === 0 ? (
        <p class="empty">{timeline.newestHref ? 'No older versions.' : 'No version yet: the first check has not succeeded.'}</p>
      ) : (
        <table class="versions">
          <thead>
            <tr>
              <th>#</th><th>Seen by stet</th><th>Publisher's stamps</th><th>Changes</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v, i) => ({ v, stealth: timeline.stealth[i]! })).reverse().map(({ v, stealth }) => {
              return (
                <tr id={`v${v.ordinal}`}>
                  <td><a href={href(`/articles/${v.articleId}/versions/${v.ordinal}`)} title={`Read version ${v.ordinal} in full`}>{v.ordinal}</a></td>
                  <td>
                    first <When at={v.firstSeenAt} /><br />
                    last <When at={v.lastSeenAt} />
                    {v.previousSeenAt != null ? (<><br /><span class="muted">changed after <When at={v.previousSeenAt} /></span></>) : null}
                  </td>
                  <td>
                    published <Stamp value={v.publishedAt} /><br />
                    updated <Stamp value={v.modifiedAt} />
                    {v.latestModifiedAt !== v.modifiedAt ? (<><br /><span class="badge">stamp moved to <Stamp value={v.latestModifiedAt} /></span></>) : null}
                  </td>
                  <td>
                    {v.ordinal > 1 ? <a href={href(`/articles/${v.articleId}/diff/${v.ordinal - 1}..${v.ordinal}`)}>{describeChanges(v)}</a> : 'first version'}
                    {stealth ? <span class="badge stealth" title="The content changed but the publisher's updated stamp did not">stealth edit</span> : null}
                    {v.rereadAt != null ? (
                      <><br /><span class="muted reread" title="A newer stet reads some pages differently (an ad box or a live widget left out, a note now read): it read the pages it kept again, and shows what it reads on them now">read again <When at={v.rereadAt} /></span></>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {timeline.olderHref ? <p class="older"><a href={href(`${timeline.olderHref}#versions`)}>Older versions →</a></p> : null}
      {removals.length > 0 ? (
        <>
          <h2>Removed from the site</h2>
          <table class="removals">
            <thead><tr><th>Away</th><th>Answer</th><th>Back</th><th>Last version before</th></tr></thead>
            <tbody>
              {[...removals].reverse().map((r) => (
                <tr id={`removal-${r.id}`}>
                  <td>since <When at={r.removedAt} /><br /><span class="muted">confirmed <When at={r.confirmedAt} /></span></td>
                  <td>{goneAnswer(r)}</td>
                  <td>{r.restoredAt === null ? <span class="badge removed">still away</span> : <When at={r.restoredAt} />}</td>
                  <td><a href={`#v${r.versionOrdinal}`}>version {r.versionOrdinal}</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h2>Recent checks</h2>
      <table class="checks">
        <thead><tr><th>When</th><th>Outcome</th><th>HTTP</th><th>Time</th></tr></thead>
        <tbody>
          {props.checks.map((c) => (
            <tr>
              <td><When at={c.at} /></td>
              <td title={c.outcome === 'unconfirmed' ? 'Most of the text was gone on this fetch; it becomes a version only if the next check finds the article cut down again' : undefined}>{c.outcome}{c.versionOrdinal != null && (c.outcome === 'new-version' || c.outcome === 'first-version') ? ` → v${c.versionOrdinal}` : ''}{c.rereadVersions > 0 ? <div class="muted" title="This release of stet reads the pages it kept differently: it read them again and compared with that reading">read again: {c.rereadVersions === 1 ? '1 version' : `${c.rereadVersions} versions`}</div> : null}{c.error ? <div class="error" title={c.error}>{describeFailure(c.error)}</div> : null}</td>
              <td>{c.status ?? '—'}</td>
              <td>{c.durationMs} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** "Are you sure?" before a delete: the article goes with every version, its raw HTML and its feed items. */
export function DeleteArticlePage(props: { article: ArticleRow; versionCount: number }) {
  const { article, versionCount } = props;
  const href = useHref();
  return (
    <Layout title={`Delete ${article.title ?? article.url}?`}>
      <h1>Delete this article and its history?</h1>
      <p class="url"><a href={article.url} rel="noopener noreferrer nofollow">{article.url}</a></p>
      <p>
        This removes the article with its {versionCount} {versionCount === 1 ? 'version' : 'versions'}, the saved pages and
        its feed items, for good.{' '}
        {article.state === 'active' ? 'To stop checking but keep the history, pause it instead.' : 'It is paused already: it is not checked, and its history stays.'}
      </p>
      <div class="actions">
        <form method="post" action={href(`/articles/${article.id}/delete`)}><button type="submit" class="danger">Delete for good</button></form>
        {article.state === 'active' ? (
          <form method="post" action={href(`/articles/${article.id}/pause`)}><button type="submit">Pause instead</button></form>
        ) : null}
        <a href={href(`/articles/${article.id}`)}>Cancel</a>
      </div>
    </Layout>
  );
}


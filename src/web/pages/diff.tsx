import { raw } from 'hono/html';
import type { ArticleRow } from '../../db/store.ts';
import { renderDiffHtml } from '../../diff/index.ts';
import { describeDiff } from '../../diff/summary.ts';
import { isStealthEdit, type LoadedDiff } from '../revisions.ts';
import { useHref } from './href.ts';
import { Layout, Stamp, When } from './layout.tsx';

export type DiffLayout = 'inline' | 'side-by-side';

/**
 * Two versions of an article and what changed between them. `latestOrdinal`
 * bounds the version pickers; `updatedStampShownBefore`: whether a version
 * up to `from` showed the publisher's "updated" stamp (the stealth-edit mark
 * between consecutive versions).
 */
export function DiffPage(props: { article: ArticleRow; latestOrdinal: number; updatedStampShownBefore: boolean; loaded: LoadedDiff; layout: DiffLayout; changesOnly: boolean }) {
  const { article, loaded, layout, changesOnly } = props;
  const { from, to, diff } = loaded;
  const href = useHref();
  const base = href(`/articles/${article.id}/diff/${from.ordinal}..${to.ordinal}`);
  return (
    <Layout title={`Changes to ${to.title ?? article.url}`} feed={{ href: `/articles/${article.id}/feed.xml`, title: `stet: ${article.title ?? article.url}` }}>
      <p class="crumbs"><a href={href(`/articles/${article.id}`)}>← {article.title ?? article.url}</a></p>
      <h1>Version {from.ordinal} → version {to.ordinal}</h1>
      <form class="pick" method="get" action={href(`/articles/${article.id}/diff`)}>
        {/* Numbers, not a <select> of every version: a live page's 3,000 versions made 6,000 <option>s (277 KB). */}
        <label>from <input name="from" type="number" min="1" max={String(props.latestOrdinal)} value={String(from.ordinal)} /></label>
        <label>to <input name="to" type="number" min="1" max={String(props.latestOrdinal)} value={String(to.ordinal)} /></label>
        <span class="muted">of {props.latestOrdinal}</span>
        <input type="hidden" name="layout" value={layout} />
        {/* Carried like the layout, or picking versions would unfold the unchanged paragraphs. */}
        {changesOnly ? <input type="hidden" name="changes" value="only" /> : null}
        <button type="submit">Compare</button>
        <span class="layouts">
          {layout === 'inline' ? <strong>inline</strong> : <a href={`${base}?layout=inline${changesOnly ? '&changes=only' : ''}`}>inline</a>} ·{' '}
          {layout === 'side-by-side' ? <strong>side by side</strong> : <a href={`${base}?layout=side-by-side${changesOnly ? '&changes=only' : ''}`}>side by side</a>}
        </span>
        <span class="layouts">
          {changesOnly ? <a href={`${base}?layout=${layout}`}>whole article</a> : <strong>whole article</strong>} ·{' '}
          {changesOnly ? <strong>changes only</strong> : <a href={`${base}?layout=${layout}&changes=only`}>changes only</a>}
        </span>
      </form>
      <table class="clocks">
        <thead>
          <tr>
            <th></th>
            <th><a href={href(`/articles/${article.id}/versions/${from.ordinal}`)} title={`Read version ${from.ordinal} in full`}>version {from.ordinal}</a></th>
            <th><a href={href(`/articles/${article.id}/versions/${to.ordinal}`)} title={`Read version ${to.ordinal} in full`}>version {to.ordinal}</a></th>
          </tr>
        </thead>
        <tbody>
          <tr><th>first seen by stet</th><td><When at={from.firstSeenAt} /></td><td><When at={to.firstSeenAt} /></td></tr>
          <tr><th>last seen by stet</th><td><When at={from.lastSeenAt} /></td><td><When at={to.lastSeenAt} /></td></tr>
          <tr><th>publisher: published</th><td><Stamp value={from.publishedAt} /></td><td><Stamp value={to.publishedAt} /></td></tr>
          <tr><th>publisher: updated</th><td><Stamp value={from.latestModifiedAt} /></td><td><Stamp value={to.modifiedAt} /></td></tr>
          {from.rereadAt !== null || to.rereadAt !== null ? (
            <tr>
              <th title="A newer stet reads some pages differently (an ad box or a live widget left out, a note now read): it read the pages it kept again, and shows what it reads on them now">read again by a newer stet</th>
              <td>{from.rereadAt !== null ? <When at={from.rereadAt} /> : '—'}</td>
              <td>{to.rereadAt !== null ? <When at={to.rereadAt} /> : '—'}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <p class="summary">
        {describeDiff(diff)}
        {to.ordinal === from.ordinal + 1 && isStealthEdit(from, to, props.updatedStampShownBefore) ? (
          <span class="badge stealth" title="The content changed but the publisher's updated stamp did not">stealth edit</span>
        ) : null}
      </p>
      <section class="diff-page">{raw(renderDiffHtml(diff, changesOnly ? { layout, context: 1 } : { layout }))}</section>
    </Layout>
  );
}

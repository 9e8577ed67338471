import type { ArticleRow, VersionWithText } from '../../db/store.ts';
import { useHref } from './href.ts';
import { Layout, Stamp, When } from './layout.tsx';

export interface VersionPageProps {
  article: ArticleRow;
  version: VersionWithText;
  /** The latest version's number (versions are numbered 1 to it without gaps). */
  latestOrdinal: number;
  /** The timeline page that lists this version (the newest page, or an older one: `?before=`). */
  timelineHref: string;
  /** Whether this version changed the words without moving the publisher's "updated" stamp (timeline's stealth edit). */
  stealth: boolean;
}

/**
 * One version in full, as stet read it: its headline, byline and text, when
 * stet saw it and what the publisher's stamps said then, with the way to the
 * versions beside it and its diffs (QA: a version could only be read as a
 * diff of itself, "Version 1 → version 1"). What a journalist cites when
 * quoting what the article said at a time.
 */
export function VersionPage(props: VersionPageProps) {
  const href = useHref();
  const { article, version: v, latestOrdinal } = props;
  const base = `/articles/${article.id}`;
  return (
    <Layout title={`Version ${v.ordinal} of ${v.title ?? article.url}`}>
      <p class="muted">
        <a href={href(`${props.timelineHref}#v${v.ordinal}`)}>← {article.title ?? article.url}</a>
      </p>
      <h1>{v.title ?? <span class="muted">(no headline)</span>}</h1>
      <p class="muted">
        Version {v.ordinal} of {latestOrdinal}
        {latestOrdinal === 1 ? ' (the only one so far)' : v.ordinal === latestOrdinal ? ' (the latest)' : v.ordinal === 1 ? ' (the original)' : ''}
      </p>
      <dl class="facts">
        {v.byline ? <><dt>Byline</dt><dd>{v.byline}</dd></> : null}
        <dt>Seen by stet</dt>
        <dd>
          first <When at={v.firstSeenAt} />, last <When at={v.lastSeenAt} />
          {v.previousSeenAt != null ? <span class="muted"> (changed after <When at={v.previousSeenAt} />)</span> : null}
        </dd>
        <dt>Publisher's stamps</dt>
        <dd>
          published <Stamp value={v.publishedAt} />, updated <Stamp value={v.modifiedAt} />
          {v.latestModifiedAt !== v.modifiedAt ? <span class="badge">stamp moved to <Stamp value={v.latestModifiedAt} /></span> : null}
          {props.stealth ? <span class="badge stealth" title="The content changed but the publisher's updated stamp did not">stealth edit</span> : null}
        </dd>
        <dt>Address</dt>
        <dd>
          <a href={article.url} rel="noopener noreferrer nofollow">{article.url}</a>
        </dd>
      </dl>
      <div class="actions">
        {v.ordinal > 1 ? <a href={href(`${base}/versions/${v.ordinal - 1}`)}>← Version {v.ordinal - 1}</a> : null}
        {v.ordinal > 1 ? <a class="button" href={href(`${base}/diff/${v.ordinal - 1}..${v.ordinal}`)}>What changed from version {v.ordinal - 1}</a> : null}
        {v.ordinal < latestOrdinal ? <a class="button" href={href(`${base}/diff/${v.ordinal}..${latestOrdinal}`)}>This → latest</a> : null}
        {v.ordinal < latestOrdinal ? <a href={href(`${base}/versions/${v.ordinal + 1}`)}>Version {v.ordinal + 1} →</a> : null}
      </div>
      <article class="version-text" lang={v.lang ?? undefined}>
        {v.paragraphs.length === 0 ? <p class="empty">No text.</p> : v.paragraphs.map((p, i) => <p id={`p${i + 1}`}>{p}</p>)}
      </article>
    </Layout>
  );
}

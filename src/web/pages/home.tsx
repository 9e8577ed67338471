import { domainToUnicode } from 'node:url';
import type { Activity } from '../activity.ts';
import { describeRemoval } from '../activity.ts';
import { describeChanges, isStealthEdit } from '../revisions.ts';
import { useHref } from './href.ts';
import { Layout, When } from './layout.tsx';

/**
 * The site of an article's address, as a reader writes it (Unicode, not
 * punycode), with its port unless the scheme's default (URL drops 80 for
 * http, 443 for https: WHATWG URL "default port"): two stories with one
 * headline are told apart, and so are two sites on one host.
 */
function siteOf(url: string): string {
  try {
    const { hostname, port } = new URL(url);
    const host = domainToUnicode(hostname) || hostname;
    return host === '' ? url : port === '' ? host : `${host}:${port}`;
  } catch {
    return url;
  }
}

/** Ascending numbers as runs: "6–53, 55" (typography-only versions are not listed, and leave gaps). */
function ranges(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j === i ? String(numbers[i]) : `${numbers[i]}–${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

function RevisionLine(props: { item: Extract<Activity, { kind: 'revision' }> }) {
  const href = useHref();
  const { article, version, previousLatestModifiedAt, updatedStampShownBefore } = props.item.revision;
  const stealth = isStealthEdit({ latestModifiedAt: previousLatestModifiedAt }, version, updatedStampShownBefore);
  return (
    <>
      <a class="title" href={href(`/articles/${article.id}/diff/${version.ordinal - 1}..${version.ordinal}`)}>
        {version.title ?? article.title ?? article.url}
      </a>
      <div class="meta">
        {siteOf(article.url)} · version {version.ordinal} · {describeChanges(version)}
        {stealth ? <span class="badge stealth" title="The content changed but the publisher's updated stamp did not">stealth edit</span> : null} · seen{' '}
        <When at={version.firstSeenAt} />
        {version.recordedAt !== version.firstSeenAt ? <> · confirmed <When at={version.recordedAt} /></> : null} ·{' '}
        <a href={href(`/articles/${article.id}`)}>timeline</a>
      </div>
    </>
  );
}

/** `rows`: the page's activity in rows (activity.ts activityRows): a removal, or one article's consecutive revisions. */
export function HomePage(props: { rows: Activity[][]; articleCount: number; olderHref?: string | null; paged?: boolean }) {
  const href = useHref();
  return (
    <Layout title="Recent revisions">
      <h1>Recent revisions</h1>
      {props.paged ? <p class="muted"><a href={href('/')}>← Newest revisions</a></p> : null}
      {props.rows.length === 0 && props.paged ? (
        <p class="empty">Nothing older.</p>
      ) : props.rows.length === 0 ? (
        <p class="empty">
          No revisions yet. {props.articleCount === 0 ? <a href={href('/articles')}>Watch an article</a> : 'stet is watching'}
          {props.articleCount === 0 ? ' to start.' : ` ${props.articleCount === 1 ? '1 article' : `${props.articleCount} articles`}; changes appear here.`}
        </p>
      ) : (
        <ol class="revisions">
          {props.rows.map((row) => {
            const item = row[0]!;
            if (item.kind !== 'revision') {
              const { article, removal } = item.event;
              return (
                <li class={item.kind}>
                  <a class="title" href={href(`/articles/${article.id}#removal-${removal.id}`)}>
                    {item.kind === 'removed' ? 'Removed: ' : 'Back online: '}
                    {article.title ?? article.url}
                  </a>
                  <div class="meta">
                    {siteOf(article.url)} · {describeRemoval(removal, item.kind)} · {item.kind === 'removed' ? 'confirmed' : 'seen back'} <When at={item.at} /> · <a href={href(`/articles/${article.id}`)}>timeline</a>
                  </div>
                </li>
              );
            }
            const earlier = row.slice(1) as Extract<Activity, { kind: 'revision' }>[];
            if (earlier.length === 0) return <li><RevisionLine item={item} /></li>;
            const { article, version } = item.revision;
            const ordinals = earlier.map((e) => e.revision.version.ordinal).reverse();
            const oldest = ordinals[0]!;
            // Typography-only versions are not listed: then the ones that are, by number.
            const which = ordinals.length === 1 ? `version ${oldest}` : `versions ${ranges(ordinals)}`;
            return (
              <li class="run">
                <RevisionLine item={item} />
                <details class="earlier">
                  <summary>
                    {earlier.length} earlier {earlier.length === 1 ? 'revision' : 'revisions'} of this article here ({which})
                  </summary>
                  <p class="meta">
                    <a href={href(`/articles/${article.id}/diff/${oldest - 1}..${version.ordinal}`)}>all of them as one diff (version {oldest - 1} → {version.ordinal})</a>
                  </p>
                  <ol class="earlier-revisions">
                    {earlier.map((e) => (
                      <li><RevisionLine item={e} /></li>
                    ))}
                  </ol>
                </details>
              </li>
            );
          })}
        </ol>
      )}
      {props.olderHref ? <p class="older"><a href={href(props.olderHref)}>Older revisions →</a></p> : null}
    </Layout>
  );
}

import type { Revision } from '../../db/store.ts';
import { describeChanges } from '../revisions.ts';
import { Layout, When } from './layout.tsx';

export function HomePage(props: { revisions: Revision[]; articleCount: number }) {
  return (
    <Layout title="Recent revisions">
      <h1>Recent revisions</h1>
      {props.revisions.length === 0 ? (
        <p class="empty">
          No revisions yet. {props.articleCount === 0 ? <a href="/articles">Watch an article</a> : 'stet is watching'}
          {props.articleCount === 0 ? ' to start.' : ` ${props.articleCount} article(s); changes appear here.`}
        </p>
      ) : (
        <ol class="revisions">
          {props.revisions.map(({ article, version }) => (
            <li>
              <a class="title" href={`/articles/${article.id}/diff/${version.ordinal - 1}..${version.ordinal}`}>
                {version.title ?? article.title ?? article.url}
              </a>
              <div class="meta">
                version {version.ordinal} · {describeChanges(version)} · seen <When at={version.firstSeenAt} /> ·{' '}
                <a href={`/articles/${article.id}`}>timeline</a>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

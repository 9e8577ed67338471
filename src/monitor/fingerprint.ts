import { createHash } from 'node:crypto';

/**
 * The content fingerprint (DESIGN step 4): title, byline and paragraphs, the
 * things a reader sees. Publisher stamps are left out on purpose: a stamp that
 * moves alone is a stamp-only update, not a new version.
 */
export function contentFingerprint(content: { title: string | null; byline: string | null; paragraphs: string[] }): string {
  return createHash('sha256')
    .update(JSON.stringify([content.title ?? '', content.byline ?? '', content.paragraphs]))
    .digest('hex');
}

/**
 * Renderers of an ArticleDiff. Every byte of article text is untrusted and
 * goes through `escapeHtml`; nothing here emits a URL or an attribute built
 * from article text.
 *
 * Classes emitted by `renderDiffHtml` (the stylesheet of src/web styles them):
 *
 *   .diff                      wrapper; also .diff-inline or .diff-side-by-side
 *   .diff-limits               <p> saying which limit tripped (diff.limits), if any
 *   .diff-field                title / byline change; also .diff-title or .diff-byline
 *   .diff-field-label          "Title" / "Byline" label inside .diff-field
 *   .diff-block                one paragraph block; also one of
 *     .diff-unchanged .diff-changed .diff-added .diff-removed
 *     .diff-moved .diff-split .diff-merged                 (= block.op)
 *   .diff-boring               also on a changed / moved block whose change is only typography
 *                              (quotes, dashes, spaces): worth playing down
 *   .diff-skip                 with opts.context: stands for a run of unchanged paragraphs left out
 *   .diff-moved-from           where a moved paragraph used to be ("¶8 moved to ¶3"), so the
 *                              move reads from both ends (wikidiff2 links the two)
 *   .diff-note                 <span> inside a block: "moved from ¶8", "split into ¶4–5"…
 *   .diff-break                <br> at a paragraph boundary inside a split / merged block
 *   ins / del                  inserted / deleted words (no class needed)
 *   .diff-row                  side by side: one row per block (also .diff-<op>)
 *   .diff-old / .diff-new      side by side: the two cells of a row
 *   .diff-empty                side by side: a cell with nothing on that side
 *
 * Blocks carry data-old / data-new attributes with 0-based paragraph
 * indexes (numbers only), for linking.
 */
import type { ArticleDiff, Block, FieldDiff, Segment } from './model.ts';
import { describeDiff, summarizeStats } from './summary.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** Paragraph numbers as readers count them (1-based). */
function para(i: number | number[]): string {
  if (Array.isArray(i)) {
    const first = i[0] ?? 0;
    const last = i[i.length - 1] ?? first;
    return first === last ? `¶${first + 1}` : `¶${first + 1}–${last + 1}`;
  }
  return `¶${i + 1}`;
}

function noteFor(b: Block): string | null {
  switch (b.op) {
    case 'moved':
      return `moved from ${para(b.old)}`;
    case 'split':
      return `${para(b.old)} split into ${para(b.new)}`;
    case 'merged':
      return `${para(b.old)} merged into ${para(b.new)}`;
    default:
      return null;
  }
}

interface Style {
  ins: string;
  del: string;
  brk: string;
}
const CLASSY: Style = { ins: '<ins>', del: '<del>', brk: '<br class="diff-break">' };
const FEED: Style = {
  ins: '<ins style="background:#d7f5d0;color:#0b3d02;text-decoration:none">',
  del: '<del style="background:#fbd9d9;color:#5c0b0b;text-decoration:line-through">',
  brk: '<br><br>',
};

/** Text with paragraph boundaries (the "\n" joining split / merged paragraphs) as breaks. */
function textHtml(text: string, style: Style): string {
  return escapeHtml(text).replace(/\r?\n/g, style.brk);
}

/** Segments of one side (or both, for inline). */
function segmentsHtml(segments: Segment[], side: 'both' | 'old' | 'new', style: Style): string {
  let out = '';
  for (const s of segments) {
    if (s.op === 'equal') out += textHtml(s.text, style);
    else if (s.op === 'delete' && side !== 'new') out += `${style.del}${textHtml(s.text, style)}</del>`;
    else if (s.op === 'insert' && side !== 'old') out += `${style.ins}${textHtml(s.text, style)}</ins>`;
  }
  return out;
}

function blockClasses(b: Block): string {
  return `diff-block diff-${b.op}${'boring' in b && b.boring ? ' diff-boring' : ''}`;
}

function dataAttrs(b: Block): string {
  const idx = (x: number | number[]): string => (Array.isArray(x) ? x.join(' ') : String(x));
  let out = '';
  if ('old' in b) out += ` data-old="${idx(b.old)}"`;
  if ('new' in b) out += ` data-new="${idx(b.new)}"`;
  return out;
}

function blockSide(b: Block, side: 'both' | 'old' | 'new', style: Style): string {
  switch (b.op) {
    case 'unchanged':
      return textHtml(b.text, style);
    case 'added':
      return side === 'old' ? '' : `${style.ins}${textHtml(b.text, style)}</ins>`;
    case 'removed':
      return side === 'new' ? '' : `${style.del}${textHtml(b.text, style)}</del>`;
    default:
      return segmentsHtml(b.segments, side, style);
  }
}

function fieldHtml(name: 'title' | 'byline', f: FieldDiff, layout: 'inline' | 'side-by-side'): string {
  const label = name === 'title' ? 'Title' : 'Byline';
  const head = `<div class="diff-field diff-${name}"><span class="diff-field-label">${label}</span> `;
  if (layout === 'inline') return `${head}${segmentsHtml(f.segments, 'both', CLASSY)}</div>`;
  return (
    `${head}<div class="diff-row diff-changed"><div class="diff-old">${segmentsHtml(f.segments, 'old', CLASSY)}</div>` +
    `<div class="diff-new">${segmentsHtml(f.segments, 'new', CLASSY)}</div></div></div>`
  );
}

export interface RenderHtmlOptions {
  layout?: 'inline' | 'side-by-side';
  /**
   * Show only this many unchanged paragraphs around each change; longer
   * unchanged runs become one `.diff-skip` line. Default: show everything.
   */
  context?: number;
}

/** Which blocks to show: every changed one, and `context` unchanged ones on each side of it. */
function visibleBlocks(blocks: Block[], context: number | undefined): boolean[] {
  if (context === undefined || !Number.isFinite(context) || context < 0) return blocks.map(() => true);
  const show = blocks.map((b) => b.op !== 'unchanged');
  const near = [...show];
  blocks.forEach((_, k) => {
    if (!show[k]) return;
    for (let d = 1; d <= context; d++) {
      if (k - d >= 0) near[k - d] = true;
      if (k + d < blocks.length) near[k + d] = true;
    }
  });
  return near;
}

/** HTML fragment of the whole diff, styled by classes (listed at the top of this file). */
/**
 * Where each moved paragraph used to be: before the first block (not itself
 * moved) that comes after its old index. Keyed by the block index the marker
 * goes before (blocks.length = at the end). No marker right next to the
 * moved block itself.
 */
function movedFromMarkers(blocks: Block[]): Map<number, Extract<Block, { op: 'moved' }>[]> {
  const markers = new Map<number, Extract<Block, { op: 'moved' }>[]>();
  const firstOld = (b: Block): number | null =>
    b.op === 'moved' || !('old' in b) ? null : Array.isArray(b.old) ? (b.old[0] ?? null) : b.old;
  blocks.forEach((m, at) => {
    if (m.op !== 'moved') return;
    let place = blocks.length;
    for (let k = 0; k < blocks.length; k++) {
      const o = firstOld(blocks[k]!);
      if (o !== null && o > m.old) {
        place = k;
        break;
      }
    }
    if (place === at || place === at + 1) return;
    const list = markers.get(place);
    if (list) list.push(m);
    else markers.set(place, [m]);
  });
  return markers;
}

export function renderDiffHtml(diff: ArticleDiff, opts: RenderHtmlOptions = {}): string {
  const layout = opts.layout === 'side-by-side' ? 'side-by-side' : 'inline';
  const parts: string[] = [`<div class="diff diff-${layout}">`];
  if (diff.limits) parts.push(`<p class="diff-limits">${escapeHtml(diff.limits)}</p>`);
  if (diff.title) parts.push(fieldHtml('title', diff.title, layout));
  if (diff.byline) parts.push(fieldHtml('byline', diff.byline, layout));
  const visible = visibleBlocks(diff.blocks, opts.context);
  let skipped = 0;
  const flushSkipped = (): void => {
    if (skipped === 0) return;
    const text = `… ${skipped} unchanged ${skipped === 1 ? 'paragraph' : 'paragraphs'} …`;
    parts.push(layout === 'inline' ? `<p class="diff-skip">${text}</p>` : `<div class="diff-row diff-skip">${text}</div>`);
    skipped = 0;
  };
  const markers = movedFromMarkers(diff.blocks);
  const emitMarkers = (k: number): void => {
    for (const m of markers.get(k) ?? []) {
      flushSkipped();
      const text = escapeHtml(`${para(m.old)} moved to ${para(m.new)}`);
      parts.push(
        layout === 'inline'
          ? `<p class="diff-moved-from" data-old="${m.old}" data-new="${m.new}">${text}</p>`
          : `<div class="diff-row diff-moved-from" data-old="${m.old}" data-new="${m.new}"><div class="diff-old">${text}</div><div class="diff-new diff-empty"></div></div>`,
      );
    }
  };
  diff.blocks.forEach((b, k) => {
    emitMarkers(k);
    if (!visible[k]) {
      skipped++;
      return;
    }
    flushSkipped();
    const note = noteFor(b);
    const noteHtml = note ? `<span class="diff-note">${escapeHtml(note)}</span> ` : '';
    if (layout === 'inline') {
      parts.push(`<p class="${blockClasses(b)}"${dataAttrs(b)}>${noteHtml}${blockSide(b, 'both', CLASSY)}</p>`);
    } else {
      const cell = (side: 'old' | 'new'): string => {
        const html = blockSide(b, side, CLASSY);
        const empty = (side === 'old' && b.op === 'added') || (side === 'new' && b.op === 'removed');
        return `<div class="diff-${side}${empty ? ' diff-empty' : ''}">${side === 'new' ? noteHtml : ''}${html}</div>`;
      };
      parts.push(`<div class="diff-row ${blockClasses(b)}"${dataAttrs(b)}>${cell('old')}${cell('new')}</div>`);
    }
  });
  emitMarkers(diff.blocks.length);
  flushSkipped();
  parts.push('</div>');
  return parts.join('\n');
}

/**
 * Feed-safe HTML (feed readers strip classes and style sheets): inline
 * styles only, and only what changed, with "…" where unchanged paragraphs
 * were left out. Paragraphs where only typography changed are left out too
 * (and counted at the end), unless nothing else changed.
 */
/** `summary`: the line shown first (default: the paragraph counts); the caller may know better words for it. */
export function renderDiffFeedHtml(diff: ArticleDiff, opts: { summary?: string } = {}): string {
  const parts: string[] = [];
  const muted = 'color:#666;font-size:0.9em';
  parts.push(`<p style="${muted}">${escapeHtml(opts.summary ?? summarizeStats(diff.stats))}</p>`);
  if (diff.title) parts.push(`<p><strong>Title:</strong> ${segmentsHtml(diff.title.segments, 'both', FEED)}</p>`);
  if (diff.byline) parts.push(`<p><strong>Byline:</strong> ${segmentsHtml(diff.byline.segments, 'both', FEED)}</p>`);
  const isBoring = (b: Block): boolean => 'boring' in b && b.boring === true;
  const hideBoring = diff.blocks.some((b) => b.op !== 'unchanged' && !isBoring(b)) || diff.title !== null || diff.byline !== null;
  let hidden = 0;
  let skipped = false;
  for (const b of diff.blocks) {
    if (b.op === 'unchanged' || (hideBoring && isBoring(b))) {
      if (b.op !== 'unchanged') hidden++;
      skipped = true;
      continue;
    }
    if (skipped) parts.push(`<p style="${muted}">…</p>`);
    skipped = false;
    const note = noteFor(b);
    const noteHtml = note ? `<span style="${muted}">[${escapeHtml(note)}]</span> ` : '';
    parts.push(`<p>${noteHtml}${blockSide(b, 'both', FEED)}</p>`);
  }
  if (skipped && diff.blocks.some((b) => b.op !== 'unchanged')) parts.push(`<p style="${muted}">…</p>`);
  if (hidden > 0) {
    parts.push(`<p style="${muted}">${hidden} ${hidden === 1 ? 'paragraph' : 'paragraphs'} with only typography changes (quotes, dashes, spaces) not shown.</p>`);
  }
  if (diff.limits) parts.push(`<p style="${muted}">${escapeHtml(diff.limits)}</p>`);
  return parts.join('\n');
}

/** Paragraph boundaries inside split / merged blocks read as " ¶ " on one line. */
function segmentsText(segments: Segment[]): string {
  return segments
    .map((s) => {
      const text = s.text.replace(/\s*\n\s*/g, ' ¶ ');
      return s.op === 'equal' ? text : s.op === 'delete' ? `[-${text}-]` : `{+${text}+}`;
    })
    .join('');
}

/**
 * Plain text for the CLI: a summary line, then each block that changed,
 * prefixed with its kind (+ added, - removed, ~ changed, ≈ changed in
 * typography only, > moved / split / merged) and paragraph numbers, words
 * marked `[-…-]{+…+}`.
 */
export function renderDiffText(diff: ArticleDiff): string {
  // The same sentence as lists and feeds: "headline changed, 1 paragraph changed".
  const lines: string[] = [describeDiff(diff)];
  if (diff.limits) lines.push(`limits: ${diff.limits}`);
  if (diff.title) lines.push(`title: ${segmentsText(diff.title.segments)}`);
  if (diff.byline) lines.push(`byline: ${segmentsText(diff.byline.segments)}`);
  for (const b of diff.blocks) {
    switch (b.op) {
      case 'unchanged':
        break;
      case 'added':
        lines.push(`+ ${para(b.new)}: {+${b.text}+}`);
        break;
      case 'removed':
        lines.push(`- ${para(b.old)}: [-${b.text}-]`);
        break;
      case 'changed':
        // ≈: only typography changed
        lines.push(`${b.boring ? '≈' : '~'} ${para(b.new)}: ${segmentsText(b.segments)}`);
        break;
      default:
        lines.push(`> ${para(b.new)} (${noteFor(b)}): ${segmentsText(b.segments)}`);
    }
  }
  return lines.join('\n') + '\n';
}

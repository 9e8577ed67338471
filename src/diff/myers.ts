/**
 * Myers' O(ND) difference algorithm ("An O(ND) Difference Algorithm and Its
 * Variations", 1986) over integer token ids, with one reused frontier array
 * and a flat trace: no allocation per step.
 *
 * jsdiff runs the same algorithm but allocates a path object per step, which
 * makes a 120 × 120-token comparison of two unrelated paragraphs cost ~1.7 ms.
 * Pairing compares many candidate paragraphs only to score them, so scoring
 * uses this one (~20× faster); the inline diff shown to readers is jsdiff's.
 */

/** Matched stretches [oldStart, newStart, length], in order. */
export type Snakes = number[];

/**
 * The furthest x on each diagonal, and the trace of every step's frontier
 * (step d, diagonals -d..d, starts at index d²), reused by every call and
 * grown as needed: allocating them per call, off the V8 heap, cost more
 * than scoring a typical pair, and a plain array trace grows slowly to the
 * million entries of a 1,000-edit diff.
 */
let frontier = new Int32Array(0);
let trace = new Int32Array(1 << 12);

/**
 * The common stretches of a shortest edit script between `a` and `b`, or
 * undefined when more than `maxD` edits are needed or `budget.steps` runs out.
 */
export function myersSnakes(
  a: readonly number[],
  b: readonly number[],
  maxD: number,
  budget: { steps: number } = { steps: Infinity },
): Snakes | undefined {
  const n = a.length;
  const m = b.length;
  // One side empty (a clean split, or words only added): nothing in common.
  // The loop below would visit every diagonal up to n + m to find that out.
  if (n === 0 || m === 0) return n + m <= maxD ? [] : undefined;
  const max = Math.min(maxD, n + m);
  const off = max + 1;
  if (frontier.length < 2 * max + 3) frontier = new Int32Array(2 * max + 3);
  const v = frontier;
  v[off + 1] = 0;
  for (let d = 0; d <= max; d++) {
    // one step per diagonal visited: the work bound shared by all scoring of one diff
    budget.steps -= d + 1;
    if (budget.steps < 0) return undefined;
    if (trace.length < (d + 1) * (d + 1)) {
      const grown = new Int32Array(Math.max(trace.length * 2, (d + 1) * (d + 1)));
      grown.set(trace.subarray(0, d * d));
      trace = grown;
    }
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        keep(v, off, d);
        return backtrack(trace, n, m, d);
      }
    }
    keep(v, off, d);
  }
  return undefined;
}

/** Stores step d's frontier (diagonals -d..d) in the trace, from index d². */
function keep(v: Int32Array, off: number, d: number): void {
  for (let k = -d, at = d * d; k <= d; k++, at++) trace[at] = v[off + k]!;
}

function backtrack(trace: Int32Array, n: number, m: number, dEnd: number): Snakes {
  const out: number[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    // the frontier of step d - 1 at diagonal k is trace[prev + k]
    const prev = (d - 1) * (d - 1) + d - 1;
    const k = x - y;
    const down = k === -d || (k !== d && trace[prev + k - 1]! < trace[prev + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = trace[prev + prevK]!;
    const prevY = prevX - prevK;
    const midX = down ? prevX : prevX + 1;
    const len = x - midX;
    if (len > 0) out.push(midX, midX - k, len);
    x = prevX;
    y = prevY;
  }
  if (x > 0) out.push(0, 0, x);
  // reverse the triples
  const snakes: number[] = [];
  for (let t = out.length - 3; t >= 0; t -= 3) snakes.push(out[t]!, out[t + 1]!, out[t + 2]!);
  return snakes;
}

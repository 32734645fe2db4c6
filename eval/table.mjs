// Plain-text tables for the evaluation and the peer bench, and the beats, chroma
// and vocals rows built from one system's score.py result.

/**
 * Format a table: a header row, a rule, then the rows; the first `leftColumns`
 * columns are left-aligned (names), the rest right-aligned (figures), except the
 * last one when `leftLast` (a column of notes, which are text).
 * @param {string[]} headers
 * @param {string[][]} rows cells already formatted as text
 * @param {{leftColumns?: number, leftLast?: boolean}} [options]
 */
export function formatTable(headers, rows, { leftColumns = 1, leftLast = false } = {}) {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const left = (c) => c < leftColumns || (leftLast && c === headers.length - 1);
  const line = (cells) =>
    cells
      .map((cell, c) => (left(c) ? String(cell ?? '').padEnd(widths[c]) : String(cell ?? '').padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A number with fixed decimals; '-' when there is none. */
export function num(v, digits = 3) {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '-';
}

/** The side-by-side columns of the beats evaluation. */
export const BEATS_HEADERS = ['system', 'mode', 'F', 'CMLt', 'AMLt', 'Acc1', 'Acc2', 'ttl_s', 'F_notrim', 'lat med ms', 'lat p95 ms', 'ms/s audio', 'note'];

/**
 * One row of the beats table.
 * @param {{name: string, mode: string, status: 'ok'|'skipped'|'unavailable', reason?: string,
 *          tempoOnly?: boolean, offline?: boolean, msPerSecondOfAudio?: number,
 *          score?: {mean: Record<string, number>, failed?: number, clips?: number}}} s
 * @returns {string[]}
 */
export function beatsRow(s) {
  const dashes = (n) => Array(n).fill('-');
  if (s.status !== 'ok') {
    const label = s.status === 'skipped' ? 'SKIPPED' : 'n/a';
    return [s.name, s.mode, ...dashes(9), num(s.msPerSecondOfAudio, 2), `${label}: ${s.reason ?? ''}`.trim()];
  }
  const m = s.score?.mean ?? {};
  // A tempo-only system places no beats, so its beat metrics are zero by construction: shown as '-'.
  const beat = (v, d = 3) => (s.tempoOnly ? '-' : num(v, d));
  // An offline system reports every beat at the end of the file: its "latency" says nothing about liveness.
  const lat = (v) => (s.offline || s.tempoOnly ? '-' : num(v * 1000, 1));
  const note = s.score?.failed ? `${s.score.failed}/${s.score.clips} clips failed` : '';
  return [
    s.name, s.mode,
    beat(m.F), beat(m.CMLt), beat(m.AMLt), num(m.Acc1), num(m.Acc2), beat(m.ttl, 2), beat(m.F0),
    lat(m.lat_med), lat(m.lat_p95), num(s.msPerSecondOfAudio, 2), note,
  ];
}

/** The side-by-side columns of the chroma evaluation. */
export const CHROMA_HEADERS = ['system', 'mode', 'cos', 'top-3', 'key', 'ms/s audio', 'note'];

/**
 * One row of the chroma table.
 * @param {{name: string, mode: string, status: 'ok'|'skipped'|'unavailable', reason?: string,
 *          chromaOnly?: boolean, keyOnly?: boolean, msPerSecondOfAudio?: number,
 *          score?: {mean: Record<string, number>, failed?: number, clips?: number}}} s
 * @returns {string[]}
 */
export function chromaRow(s) {
  if (s.status !== 'ok') {
    const label = s.status === 'skipped' ? 'SKIPPED' : 'n/a';
    return [s.name, s.mode, '-', '-', '-', num(s.msPerSecondOfAudio, 2), `${label}: ${s.reason ?? ''}`.trim()];
  }
  const m = s.score?.mean ?? {};
  // A key-only system writes no frames and a chroma-only one no key: those scores are 0 by construction, shown as '-'.
  const frames = (v) => (s.keyOnly ? '-' : num(v));
  const key = s.chromaOnly ? '-' : num(m.key);
  const note = s.score?.failed ? `${s.score.failed}/${s.score.clips} clips failed` : '';
  return [s.name, s.mode, frames(m.cos), frames(m.top3), key, num(s.msPerSecondOfAudio, 2), note];
}

/** The side-by-side columns of the vocals evaluation. */
export const VOCALS_HEADERS = ['system', 'mode', 'F1', 'acc', 'FPR instr.', 'onset lat med ms', 'misses', 'ms/s audio', 'note'];

/**
 * One row of the vocals table.
 * @param {{name: string, mode: string, status: 'ok'|'skipped'|'unavailable', reason?: string, msPerSecondOfAudio?: number,
 *          score?: {mean: Record<string, number>, failed?: number, clips?: number, rows?: {onsets?: number, ok?: boolean}[]}}} s
 * @returns {string[]}
 */
export function vocalsRow(s) {
  if (s.status !== 'ok') {
    const label = s.status === 'skipped' ? 'skipped' : 'n/a';
    return [s.name, s.mode, '-', '-', '-', '-', '-', num(s.msPerSecondOfAudio, 2), `${label}: ${s.reason ?? ''}`.trim()];
  }
  const m = s.score?.mean ?? {};
  // misses: reference onsets with no detection within 1 s, out of the onsets of the clips that scored
  const onsets = (s.score?.rows ?? []).filter((r) => r.ok).reduce((a, r) => a + (r.onsets ?? 0), 0);
  const misses = typeof m.missed === 'number' ? `${m.missed}/${onsets}` : '-';
  const note = s.score?.failed ? `${s.score.failed}/${s.score.clips} clips failed` : '';
  return [
    s.name, s.mode,
    num(m.F1), num(m.acc), num(m.fpr),
    typeof m.lat_med === 'number' ? num(m.lat_med * 1000, 0) : '-',
    misses, num(s.msPerSecondOfAudio, 2), note,
  ];
}

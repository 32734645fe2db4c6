// Plain-text tables for the evaluation and the peer bench, and the beats row
// built from one system's score.py result.

/**
 * Format a table: a header row, a rule, then the rows; the first `leftColumns`
 * columns are left-aligned (names), the rest right-aligned (figures).
 * @param {string[]} headers
 * @param {string[][]} rows cells already formatted as text
 * @param {{leftColumns?: number}} [options]
 */
export function formatTable(headers, rows, { leftColumns = 1 } = {}) {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells) =>
    cells
      .map((cell, c) => (c < leftColumns ? String(cell ?? '').padEnd(widths[c]) : String(cell ?? '').padStart(widths[c])))
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

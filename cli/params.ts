/** `gigscope params`: the parameter table, as a readable list or as JSON. */
import { PARAMS, formatParam, type ParamSpec } from '../params/table';

export function paramsJson(): string {
  return JSON.stringify({ version: 1, params: PARAMS }, null, 2);
}

export function paramsText(): string {
  const range = (p: ParamSpec) =>
    p.scaling === 'toggle' ? '0 | 1' : p.choices ? p.choices.map((c, i) => `${i}=${c}`).join(' ') : `${p.min} … ${p.max}${p.unit ? ' ' + p.unit : ''}`;
  const rows = PARAMS.map((p: ParamSpec) => [p.id, range(p), formatParam(p, p.default), `${p.smoothingMs} ms`, p.description]);
  const head = ['id', 'range', 'default', 'smoothing', 'description'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

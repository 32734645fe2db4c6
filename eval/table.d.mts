// Types for table.mjs.
export function formatTable(headers: string[], rows: string[][], options?: { leftColumns?: number; leftLast?: boolean }): string;
export function num(v: unknown, digits?: number): string;
export const BEATS_HEADERS: string[];
export interface SystemResult {
  name: string;
  mode: string;
  status: 'ok' | 'skipped' | 'unavailable';
  reason?: string;
  tempoOnly?: boolean;
  chromaOnly?: boolean;
  keyOnly?: boolean;
  offline?: boolean;
  msPerSecondOfAudio?: number;
  score?: { mean: Record<string, number>; failed?: number; clips?: number; rows?: { onsets?: number; ok?: boolean }[] };
}
export function beatsRow(s: SystemResult): string[];
export const CHROMA_HEADERS: string[];
export function chromaRow(s: SystemResult): string[];
export const VOCALS_HEADERS: string[];
export function vocalsRow(s: SystemResult): string[];

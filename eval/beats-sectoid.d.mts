export interface TempoMap {
  /** ticks per quarter note */
  division: number;
  /** [tick, µs per quarter note], by tick */
  tempos: [number, number][];
  /** [tick, numerator, denominator] */
  signatures: [number, number, number][];
}
export function readTempoMap(bytes: Uint8Array): TempoMap;
export function quarterNoteTimes(map: Pick<TempoMap, 'division' | 'tempos'>, seconds: number): number[];

// Types for wav.mjs (the tests are TypeScript; the eval scripts are plain ESM).
export function readWav(bytes: Uint8Array, name?: string): { sampleRate: number; channels: Float32Array[] };
export function writeWav16(channels: Float32Array[], sampleRate: number): Uint8Array;
export function toMono(channels: Float32Array[]): Float32Array;

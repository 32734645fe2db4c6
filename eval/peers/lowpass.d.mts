// Types for lowpass.mjs.
export function webAudioLowpass(sampleRate: number, frequency: number, qDb: number): (input: Float32Array, output?: Float32Array) => Float32Array;

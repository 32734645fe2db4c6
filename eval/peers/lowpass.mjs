// The Web Audio BiquadFilterNode 'lowpass' (Audio EQ Cookbook coefficients, with
// Q read in dB as the Web Audio spec defines it for lowpass/highpass), so that
// realtime-bpm-analyzer can be given in Node the same filtered signal its
// documented browser graph (source → getBiquadFilter() → analyzer) gives it.

/**
 * @param {number} sampleRate Hz
 * @param {number} frequency cutoff, Hz
 * @param {number} qDb resonance, dB (Web Audio's Q for lowpass)
 * @returns {(input: Float32Array, output?: Float32Array) => Float32Array} a stateful filter: call it on consecutive blocks
 */
export function webAudioLowpass(sampleRate, frequency, qDb) {
  const w0 = (2 * Math.PI * frequency) / sampleRate;
  const alpha = Math.sin(w0) / (2 * 10 ** (qDb / 20));
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b0 = (1 - cos) / 2 / a0;
  const b1 = (1 - cos) / a0;
  const b2 = b0;
  const a1 = (-2 * cos) / a0;
  const a2 = (1 - alpha) / a0;
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0; // direct form I state, kept across blocks
  return (input, output = new Float32Array(input.length)) => {
    for (let i = 0; i < input.length; i++) {
      const x = input[i];
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1; x1 = x; y2 = y1; y1 = y;
      output[i] = y;
    }
    return output;
  };
}

// A small WAV reader (and a 16-bit writer for tests) for the evaluation scripts.
//
// The CLI has a full reader in cli/audio-file.ts, but it is TypeScript and the
// eval scripts run as plain Node ESM without a build step. This one covers what
// the corpus and the demo clip use — integer PCM (8/16/24/32-bit) and IEEE float
// (32/64-bit), plain or WAVE_FORMAT_EXTENSIBLE — and scales integers exactly as
// the CLI does (x / 2^(bits-1), 8-bit offset by 128), so a peer and gigscope see
// the same floats. test/unit/eval-wav.test.ts checks that against the CLI reader.

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

const fourCC = (b, at) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);

/**
 * Decode RIFF/WAVE bytes into planar float channels.
 * @param {Uint8Array} bytes the whole file
 * @param {string} [name] used in error messages only
 * @returns {{sampleRate: number, channels: Float32Array[]}}
 */
export function readWav(bytes, name = 'wav') {
  const fail = (why) => new Error(`${name}: ${why}`);
  if (bytes.length < 12 || fourCC(bytes, 0) !== 'RIFF' || fourCC(bytes, 8) !== 'WAVE') throw fail('not a RIFF/WAVE file');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt = null;
  let dataAt = -1;
  let dataLen = 0;
  // Walk the chunks (the RIFF size field is unreliable in streamed files).
  for (let pos = 12; pos + 8 <= bytes.length; ) {
    const id = fourCC(bytes, pos);
    const size = dv.getUint32(pos + 4, true);
    const body = pos + 8;
    if (id === 'fmt ' && !fmt) {
      let tag = dv.getUint16(body, true);
      // EXTENSIBLE keeps the real format tag in the first two bytes of its subformat GUID.
      if (tag === EXTENSIBLE && size >= 40) tag = dv.getUint16(body + 24, true);
      fmt = {
        tag,
        channels: dv.getUint16(body + 2, true),
        sampleRate: dv.getUint32(body + 4, true),
        blockAlign: dv.getUint16(body + 12, true),
        bits: dv.getUint16(body + 14, true),
      };
    } else if (id === 'data' && dataAt < 0) {
      dataAt = body;
      dataLen = Math.min(size, bytes.length - body); // a cut-short file keeps what is there
    }
    pos = body + size + (size & 1); // chunks are padded to even length
  }
  if (!fmt) throw fail('no fmt chunk');
  if (dataAt < 0) throw fail('no data chunk');
  const { tag, channels: nch, blockAlign, bits } = fmt;
  const intOk = tag === PCM && [8, 16, 24, 32].includes(bits);
  const floatOk = tag === FLOAT && (bits === 32 || bits === 64);
  if (!intOk && !floatOk) throw fail(`unsupported sample format (tag ${tag}, ${bits} bits)`);
  if (nch < 1 || blockAlign !== nch * (bits / 8)) throw fail(`bad channel count / block align (${nch}, ${blockAlign})`);

  const frames = Math.floor(dataLen / blockAlign);
  const bps = bits / 8;
  const channels = [];
  for (let c = 0; c < nch; c++) {
    const ch = new Float32Array(frames);
    for (let i = 0, p = dataAt + c * bps; i < frames; i++, p += blockAlign) {
      if (floatOk) ch[i] = bits === 32 ? dv.getFloat32(p, true) : dv.getFloat64(p, true);
      else if (bits === 16) ch[i] = dv.getInt16(p, true) / 32768;
      else if (bits === 8) ch[i] = (bytes[p] - 128) / 128;
      else if (bits === 24) ch[i] = (((bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)) << 8) >> 8) / 8388608;
      else ch[i] = dv.getInt32(p, true) / 2147483648;
    }
    channels.push(ch);
  }
  return { sampleRate: fmt.sampleRate, channels };
}

/**
 * Encode planar float audio as 16-bit PCM WAV (round to nearest, clipped), the
 * inverse of readWav for values on the 1/32768 grid.
 * @param {Float32Array[]} channels
 * @param {number} sampleRate
 * @returns {Uint8Array}
 */
export function writeWav16(channels, sampleRate) {
  const nch = channels.length;
  const frames = channels[0].length;
  const blockAlign = nch * 2;
  const out = new Uint8Array(44 + frames * blockAlign);
  const dv = new DataView(out.buffer);
  const ascii = (at, s) => { for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i); };
  ascii(0, 'RIFF');
  dv.setUint32(4, 36 + frames * blockAlign, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  dv.setUint32(16, 16, true);
  dv.setUint16(20, PCM, true);
  dv.setUint16(22, nch, true);
  dv.setUint32(24, sampleRate, true);
  dv.setUint32(28, sampleRate * blockAlign, true);
  dv.setUint16(32, blockAlign, true);
  dv.setUint16(34, 16, true);
  ascii(36, 'data');
  dv.setUint32(40, frames * blockAlign, true);
  for (let c = 0; c < nch; c++) {
    for (let i = 0, p = 44 + c * 2; i < frames; i++, p += blockAlign) {
      const v = Math.round(channels[c][i] * 32768);
      dv.setInt16(p, v > 32767 ? 32767 : v < -32768 ? -32768 : v || 0, true);
    }
  }
  return out;
}

/**
 * The mono signal every peer is given: the mean of the channels (the channel
 * itself when there is one, so a mono file reaches the peers untouched).
 * @param {Float32Array[]} channels
 * @returns {Float32Array}
 */
export function toMono(channels) {
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0].length);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i] += ch[i];
  for (let i = 0; i < out.length; i++) out[i] /= channels.length;
  return out;
}

/**
 * Which engine build this runtime can run. engine.wasm uses WebAssembly SIMD
 * (the FFTs' butterflies, 2.5–3× faster); engine-scalar.wasm is the same
 * engine without it, bit-identical in output, for browsers that predate wasm
 * SIMD (Safari before 16.4, Chrome before 91, Firefox before 89) — which is
 * also where the AudioWorklet polyfill is needed.
 */

/** The smallest valid module that uses a SIMD instruction: () → v128 { i8x16.splat(0) }. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // types: () → v128
  0x03, 0x02, 0x01, 0x00, // one function of that type
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // body: i32.const 0, i8x16.splat, end
]);

let simd: boolean | undefined;

/** True where WebAssembly SIMD compiles. */
export function hasWasmSimd(): boolean {
  if (simd === undefined) {
    try {
      simd = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
    } catch {
      simd = false;
    }
  }
  return simd;
}

/** The engine file for this runtime, as served next to the app and as written in dist/. */
export function engineFileName(withSimd = hasWasmSimd()): 'engine.wasm' | 'engine-scalar.wasm' {
  return withSimd ? 'engine.wasm' : 'engine-scalar.wasm';
}

// Builds dist/: the stage app (app.js + index.html), the embeddable node
// (gigscope-node.js), the AudioWorklet processor as one self-contained module
// (gigscope-processor.js), engine.wasm as an asset, and the Node CLI (cli.mjs).
// engine.wasm itself is compiled by asc first (npm run build:wasm → build/).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import json from '@rollup/plugin-json';

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: { noEmit: false, declaration: false, sourceMap: true, outDir: undefined },
    include: ['params/**/*.ts', 'host/**/*.ts', 'worklet/**/*.ts', 'ui/**/*.ts', 'presets/**/*.ts', 'cli/**/*.ts'],
    noEmitOnError: true,
  });

/** Copy files into the bundle as assets, so dist/ is complete after one rollup run. */
function assets(files) {
  return {
    name: 'gigscope-assets',
    buildStart() {
      for (const [from] of files) this.addWatchFile(from);
    },
    generateBundle() {
      for (const [from, fileName] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(from) });
    },
  };
}

const onwarn = (warning, warn) => {
  // Lit's decorators compile to `this` at module level in some helpers; harmless
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  {
    input: { app: 'ui/app.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', sourcemap: true },
    plugins: [
      resolve({ browser: true }),
      json(),
      ts(),
      assets([
        ['build/engine.wasm', 'engine.wasm'],
        ['build/engine-scalar.wasm', 'engine-scalar.wasm'],
        ['ui/index.html', 'index.html'],
        ['presets/impulses/gigscope-room.wav', 'impulses/gigscope-room.wav'],
      ]),
    ],
    onwarn,
  },
  {
    // the embeddable node on its own (a page can use the engine without the stage UI)
    input: 'worklet/node.ts',
    output: { dir: 'dist', format: 'es', entryFileNames: 'gigscope-node.js', chunkFileNames: '[name]-[hash].js', sourcemap: true },
    plugins: [resolve({ browser: true }), json(), ts()],
    onwarn,
  },
  {
    // AudioWorkletGlobalScope cannot load further modules at run time: one file, no imports
    input: 'worklet/processor.ts',
    output: { file: 'dist/gigscope-processor.js', format: 'es', inlineDynamicImports: true, sourcemap: true },
    plugins: [resolve({ browser: true }), ts()],
    onwarn,
  },
  {
    // the engine bench as a library, so eval/bench.mjs can time the peers in the same process
    input: 'cli/bench.ts',
    output: { file: 'dist/bench.mjs', format: 'es', sourcemap: true },
    external: (id) => id.startsWith('node:') || builtinModules.includes(id),
    plugins: [resolve({ preferBuiltins: true }), json(), ts()],
    onwarn,
  },
  {
    input: 'cli/main.ts',
    output: { file: 'dist/cli.mjs', format: 'es', inlineDynamicImports: false, sourcemap: true },
    external: (id) => id.startsWith('node:') || builtinModules.includes(id) || id === 'audio-decode',
    plugins: [resolve({ preferBuiltins: true }), json(), ts()],
    onwarn,
  },
];

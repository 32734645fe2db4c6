/**
 * The gigscope CLI: the same engine.wasm as the browser, fed in the same
 * 128-frame blocks. Diagnostics go to stderr; results to stdout or files.
 */
import { parseArgs } from 'node:util';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readAudioFile, encodeWav, AudioFileError } from './audio-file';
import { analyzeAudio } from './analyze';
import { processAudio, writeAudio, impulseFor, CONVOLUTION } from './process';
import { ImpulseError } from '../host/impulse';
import { paramsJson, paramsText } from './params';
import { runBench, formatBench } from './bench';
import { renderDemoClip } from './demo-clip';
import { EngineError } from '../host/engine';
import { PresetError, parsePreset, presetState, checkParamValue } from '../presets/preset';
import { findFactoryPreset, FACTORY_PRESETS } from '../presets/factory';
import { defaultParams } from '../params/table';

const USAGE = `usage:
  gigscope analyze FILE... [--json | --out DIR]   live analysis as JSON (see docs/cli.md)
  gigscope process IN OUT [--preset NAME|FILE] [--set id=value ...] [--format float32|pcm16|pcm24] [--ir FILE.wav]
  gigscope params [--json]                        the parameter table
  gigscope bench [--json] [--runs N]              µs per 128-frame block, per unit and chain
  gigscope demo OUT.wav [--rate HZ]               write the bundled demo clip`;

/** A mistake in how the command was called: usage goes with it, exit 2. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      return analyze(rest);
    case 'process':
      return processCmd(rest);
    case 'params': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      process.stdout.write((values.json ? paramsJson() : paramsText()) + '\n');
      return 0;
    }
    case 'bench': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, runs: { type: 'string' } } });
      const runs = values.runs === undefined ? undefined : Number(values.runs);
      if (runs !== undefined && !(Number.isInteger(runs) && runs > 0)) throw new UsageError('--runs: expected a positive integer');
      const report = runBench({ runs });
      process.stdout.write((values.json ? JSON.stringify(report, null, 2) : formatBench(report)) + '\n');
      return 0;
    }
    case 'demo': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { rate: { type: 'string' } } });
      if (positionals.length !== 1) throw new UsageError('demo: expected one output file');
      const rate = values.rate === undefined ? 44100 : Number(values.rate);
      const clip = renderDemoClip(rate);
      await writeFile(positionals[0], encodeWav(clip.channels, clip.sampleRate, 'pcm16'));
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

async function analyze(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, out: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('analyze: expected at least one FILE');
  if (values.out) await mkdir(values.out, { recursive: true });
  let failed = 0;
  for (const path of positionals) {
    try {
      const audio = await readAudioFile(path);
      const result = analyzeAudio(audio, basename(path));
      const text = JSON.stringify(result);
      if (values.out) {
        const name = basename(path, extname(path)) + '.json';
        await writeFile(join(values.out, name), text + '\n');
        process.stderr.write(`${path} → ${join(values.out, name)}\n`);
      } else {
        process.stdout.write(text + '\n');
      }
    } catch (err) {
      failed++;
      reportFileError(path, err);
    }
  }
  return failed ? 1 : 0;
}

async function processCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      preset: { type: 'string' },
      set: { type: 'string', multiple: true },
      format: { type: 'string', default: 'float32' },
      ir: { type: 'string' },
    },
  });
  if (positionals.length !== 2) throw new UsageError('process: expected IN and OUT');
  const [input, output] = positionals;
  const format = values.format as string;
  if (format !== 'float32' && format !== 'pcm16' && format !== 'pcm24') throw new UsageError(`--format: expected float32, pcm16 or pcm24, got '${format}'`);
  let params = defaultParams();
  if (values.preset) {
    try {
      params = await loadPreset(values.preset);
    } catch (err) {
      // a refused preset file is a bad input, not a bad command line: one line naming the field, no usage
      if (!(err instanceof PresetError)) throw err;
      reportFileError(values.preset, err);
      return 1;
    }
  }
  // --ir turns the convolution reverb on (--set can still change either)
  if (values.ir) Object.assign(params, { 'reverb.type': CONVOLUTION, 'reverb.on': 1 });
  for (const assignment of values.set ?? []) {
    const m = /^([^=]+)=(.*)$/.exec(assignment);
    if (!m) throw new UsageError(`--set ${assignment}: expected id=value`);
    const id = m[1].trim();
    const value = Number(m[2]);
    try {
      params[id] = checkParamValue(id, value, `--set ${id}`);
    } catch (err) {
      throw new UsageError((err as Error).message + " (see 'gigscope params')");
    }
  }
  let audio;
  try {
    audio = await readAudioFile(input);
  } catch (err) {
    reportFileError(input, err);
    return 1;
  }
  // --ir FILE.wav: the convolution reverb's impulse response; with reverb.type = convolution and no --ir, the bundled one
  let impulse;
  try {
    impulse = await impulseFor(params, values.ir);
  } catch (err) {
    reportFileError(values.ir ?? input, err);
    return 1;
  }
  try {
    const { output: rendered, summary } = processAudio(audio, params, impulse);
    await writeAudio(output, rendered, audio.sampleRate, format);
    process.stderr.write(
      `${input} → ${output}: ${audio.channels.length} ch, ${audio.sampleRate} Hz, peak in ${summary.inputPeakDb.toFixed(1)} dBFS, ` +
        `out ${summary.outputPeakDb.toFixed(1)} dBFS, limiter ${summary.deepestLimiterDb.toFixed(1)} dB, ` +
        `latency ${summary.latencyFrames} frames (compensated)\n`,
    );
    return 0;
  } catch (err) {
    reportFileError(err instanceof EngineError ? input : output, err);
    return 1;
  }
}

async function loadPreset(nameOrPath: string): Promise<Record<string, number>> {
  const factory = findFactoryPreset(nameOrPath);
  if (factory) return presetState(factory);
  let text: string;
  try {
    text = await readFile(nameOrPath, 'utf8');
  } catch {
    const names = FACTORY_PRESETS.map((p) => `'${p.name}'`).join(', ');
    throw new UsageError(`--preset ${nameOrPath}: no such factory preset (${names}) or file`);
  }
  // PresetError naming the field (reported as one line by the caller)
  return presetState(parsePreset(text));
}

function reportFileError(path: string, err: unknown): void {
  let message: string;
  if (err instanceof AudioFileError || err instanceof ImpulseError) message = err.message;
  else if (err instanceof EngineError || err instanceof PresetError) message = `${path}: ${err.message}`;
  else message = `${path}: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`gigscope: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`gigscope: ${(err as Error).message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`gigscope: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);

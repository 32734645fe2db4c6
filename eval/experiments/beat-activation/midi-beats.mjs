// EXPERIMENT: NAME.beats (quarter-note times from the tempo map) beside each
// NAME.mid + NAME.wav in a directory. The renders start at MIDI time 0.
//   node midi-beats.mjs DIR
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readTempoMap, quarterNoteTimes } from '../../beats-sectoid.mjs';

const dir = process.argv[2];
for (const f of readdirSync(dir).filter((name) => name.endsWith('.mid'))) {
  const map = readTempoMap(new Uint8Array(readFileSync(join(dir, f))));
  const wav = join(dir, f.replace(/\.mid$/, '.wav'));
  const seconds = (statSync(wav).size - 44) / 4 / 44100; // 16-bit stereo at 44.1 kHz, as render.sh writes
  // the last 3 s are the synthesiser's release tail, not music
  const beats = quarterNoteTimes(map, seconds - 3);
  writeFileSync(wav.replace(/\.wav$/, '.beats'), beats.map((t) => t.toFixed(4)).join('\n') + '\n');
}

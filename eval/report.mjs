// The text report of one evaluated task: the side-by-side table, what its columns
// mean, failures, and a per-clip table.

import { BEATS_HEADERS, CHROMA_HEADERS, VOCALS_HEADERS, beatsRow, chromaRow, vocalsRow, formatTable, num } from './table.mjs';

const F_NOTE_BELOW = 0.7; // per-clip F under this is flagged (issue 3 asks for an explanation of each)

const SPEED_NOTE = [
  'ms/s audio: gigscope = wall time of the whole `gigscope analyze` process (Node start, wasm compile, WAV decode,',
  '  every analysis the engine runs, JSON out) per second of audio; peers = their analyze() calls alone, after a',
  '  warm-up. For like-for-like speed see `npm run bench:peers` and `npm run bench`.',
];

const BEATS_NOTES = [
  'F, CMLt, AMLt: mir_eval beat metrics (F within ±70 ms), beats in the first 5 s ignored; F_notrim counts them.',
  'Acc1/Acc2: tempo within 4 % (Acc2 also at ×2, ×3, ½, ⅓); tempo = median of the tempo reports in the second half.',
  'ttl_s: time to lock, the first beat of 4 in a row matching 4 annotated beats (clip length if never).',
  'lat: reportedAt − time over all beats (negative = announced ahead); not meaningful for offline or tempo-only systems.',
  'tempo only: places no beats, so only Acc1/Acc2 mean anything (its beat columns would be 0 by construction).',
  ...SPEED_NOTE,
];

const CHROMA_NOTES = [
  'cos: cosine similarity of each 20 ms ground-truth pitch-class frame with the system frame nearest in time',
  '  (frames are stamped when their analysis window ends, so window length shows up as lag); top-3: share of the',
  "  system's k = min(3, #sounding classes) strongest classes that sound. Frames with nothing sounding are not scored.",
  "key: mir_eval weighted score (1 exact, 0.5 fifth, 0.3 relative, 0.2 parallel) of the system's LAST key estimate,",
  '  mean over the clips that have a .key.',
  'chroma only / key only: the other part is 0 by construction and shown as -.',
  ...SPEED_NOTE,
];

const VOCALS_NOTES = [
  'Scored on 10 ms frames (score.py): the union of a system\'s `segments` (its own hysteresis), else probability > 0.5.',
  'F1: frame F1 over the clips with vocals; acc: frame accuracy over all clips; FPR instr.: share of frames flagged',
  '  vocal on the clips without vocals; onset lat: delay from each reference vocal onset to the first flagged frame',
  '  within 1 s (0 if already flagged), median over all onsets; misses: onsets with nothing flagged within 1 s.',
  'The peers resample to 16 kHz (windowed sinc, eval/peers/resample.mjs), inside their timed analyze(); their frames are',
  '  stamped when decided (frame end + the resampler\'s 1.5 ms) and their segments never back-dated.',
  'best threshold: one probability threshold chosen, from the sweep below, for the best mean accuracy on these very clips —',
  '  an optimistic bound, not a setting known in advance.',
  ...SPEED_NOTE,
];

function failureLines(systems) {
  const lines = [];
  for (const s of systems.filter((x) => x.score?.failures?.length)) {
    lines.push('', `${s.name}: failures`, ...s.score.failures.slice(0, 10).map(([c, e]) => `  ${c}: ${e}`));
  }
  return lines;
}

const byClip = (s) => new Map(s.score.rows.map((r) => [r.clip, r]));

function beatsPerClip(systems) {
  const trackers = systems.filter((s) => s.status === 'ok' && !s.tempoOnly && s.score?.rows);
  const gig = systems.find((s) => s.id === 'gigscope');
  const lines = ['', `Per-clip F${gig?.status === 'ok' ? ` (* = gigscope F < ${F_NOTE_BELOW})` : ''}:`];
  if (gig && gig.status !== 'ok') lines.push(`  gigscope: ${gig.status === 'skipped' ? 'SKIPPED' : 'n/a'} — ${gig.reason}`);
  if (!trackers.length) return lines;
  const clips = trackers[0].score.rows.map((r) => r.clip);
  const maps = trackers.map(byClip);
  const gigRows = gig?.status === 'ok' ? byClip(gig) : undefined;
  const rows = clips.map((clip) => {
    const ref = maps[0].get(clip)?.ref_bpm;
    const gigF = gigRows?.get(clip)?.F;
    const flag = typeof gigF === 'number' && gigF < F_NOTE_BELOW ? '*' : '';
    return [clip + flag, num(ref, 1), ...maps.map((m) => num(m.get(clip)?.F)), ...(gigRows ? [num(gigRows.get(clip)?.est_bpm, 1)] : [])];
  });
  const headers = ['clip', 'ref bpm', ...trackers.map((s) => `F ${s.name}`), ...(gigRows ? ['gigscope bpm'] : [])];
  lines.push(formatTable(headers, rows));
  return lines;
}

function chromaPerClip(systems) {
  const scored = systems.filter((s) => s.status === 'ok' && s.score?.rows);
  const lines = []; // systems without a score say why in the table's note column
  const withFrames = scored.filter((s) => !s.keyOnly);
  const withKeys = scored.filter((s) => !s.chromaOnly);
  if (withFrames.length) {
    const maps = withFrames.map(byClip);
    const clips = withFrames[0].score.rows.map((r) => r.clip);
    lines.push('', 'Per-clip cosine:', formatTable(['clip', ...withFrames.map((s) => s.name)], clips.map((c) => [c, ...maps.map((m) => num(m.get(c)?.cos))])));
  }
  if (withKeys.length) {
    // only the clips with a .key are scored for key; a row carries ref_key exactly then
    const maps = withKeys.map(byClip);
    const clips = withKeys[0].score.rows.filter((r) => r.ref_key).map((r) => r.clip);
    const cell = (r) => `${r?.est_key ?? '-'} (${num(r?.key, 1)})`;
    lines.push(
      '',
      'Per-clip key: the last estimate, its weighted score in brackets:',
      formatTable(['clip', 'ref key', ...withKeys.map((s) => s.name)], clips.map((c) => [c, maps[0].get(c).ref_key, ...maps.map((m) => cell(m.get(c)))]), { leftColumns: 2 }),
    );
  }
  return lines;
}

function vocalsPerClip(systems) {
  const lines = [];
  for (const s of systems.filter((x) => x.sweep)) {
    lines.push(
      '',
      `${s.name}: threshold sweep (the row above uses ${s.threshold}):`,
      formatTable(
        ['p >', 'F1', 'acc', 'FPR instr.', 'onset lat med ms', 'misses'],
        s.sweep.map(({ threshold, mean: m }) => [
          String(threshold), num(m.F1), num(m.acc), num(m.fpr),
          typeof m.lat_med === 'number' ? num(m.lat_med * 1000, 0) : '-', String(m.missed ?? '-'),
        ]),
      ),
    );
  }
  const scored = systems.filter((s) => s.status === 'ok' && s.score?.rows);
  const gig = systems.find((s) => s.id === 'gigscope');
  lines.push('', 'Per-clip: F1 on clips with vocals, FPR (marked fpr) on clips without:');
  if (gig && gig.status !== 'ok') lines.push(`  gigscope: ${gig.status === 'skipped' ? 'skipped' : 'n/a'} — ${gig.reason}`);
  if (!scored.length) return lines;
  const maps = scored.map(byClip);
  const clips = scored[0].score.rows.map((r) => r.clip);
  const cell = (r) => (!r ? '-' : r.has_vocal ? num(r.F1) : `fpr ${num(r.fpr)}`);
  lines.push(formatTable(['clip', ...scored.map((s) => s.name)], clips.map((c) => [c, ...maps.map((m) => cell(m.get(c)))])));
  return lines;
}

const LAYOUT = {
  beats: { headers: BEATS_HEADERS, row: beatsRow, notes: BEATS_NOTES, perClip: beatsPerClip },
  chroma: { headers: CHROMA_HEADERS, row: chromaRow, notes: CHROMA_NOTES, perClip: chromaPerClip },
  vocals: { headers: VOCALS_HEADERS, row: vocalsRow, notes: VOCALS_NOTES, perClip: vocalsPerClip },
};

/**
 * The report of one task, as text.
 * @param {{task: 'beats'|'chroma'|'vocals', corpus: string, clips: number, audioSeconds: number, systems: object[]}} result
 */
export function taskReport({ task, corpus, clips, audioSeconds, systems }) {
  const { headers, row, notes, perClip } = LAYOUT[task];
  return [
    `gigscope eval — ${task}: ${clips} clips, ${audioSeconds.toFixed(0)} s of audio (${corpus})`,
    '',
    formatTable(headers, systems.map(row), { leftColumns: 2, leftLast: true }),
    '',
    ...notes,
    ...failureLines(systems),
    ...perClip(systems),
  ].join('\n');
}

#!/usr/bin/python3
"""What a perfect chroma that is only late would score (issue 5's detuned-clip floor).

The ground truth itself, delayed by D ms, is written as a prediction and scored by
../shared/eval/score.py's own chroma scorer. A causal chroma cannot report a note
before the audio has it, and a rendering's notes sound some tens of ms after their
written onsets, so D = 20 ms is a generous bound on any real system. The floor asks
the detuned clip to score within 0.03 of the in-tune clips' mean; this prints each
clip's gap under the others' mean for the oracle at each delay.

    /usr/bin/python3 eval/chroma-latency-oracle.py [--corpus ../shared/corpus]
"""
import argparse, glob, os, sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
args = ap.parse_args()
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(args.corpus)), "eval"))
import score  # noqa: E402  (the scorer's own chroma metric)

STEP = 0.005
DELAYS_MS = (0, 10, 20, 40)
clips = sorted(p[:-4] for p in glob.glob(os.path.join(args.corpus, "chroma", "*.wav")))
cos = {}  # clip -> cosine at each delay
for base in clips:
    dur = score.clip_duration(base)
    t = np.arange(0, dur, STEP)
    row = []
    for delay_ms in DELAYS_MS:
        frames = score.load_chroma_gt(base, np.maximum(0.0, t - delay_ms / 1000.0))
        row.append(score.score_chroma(base, {"chroma": {"times": t.tolist(), "frames": frames.tolist()}}, dur)["cos"])
    cos[os.path.basename(base)] = row
print("cosine of the delayed ground truth, and each clip's gap under the other clips' mean")
print("clip".ljust(34) + "".join(f"{d:>5d} ms gap   " for d in DELAYS_MS))
for name, row in cos.items():
    others = [r for n, r in cos.items() if n != name]
    gaps = [np.mean([r[i] for r in others]) - row[i] for i in range(len(DELAYS_MS))]
    print(name.ljust(34) + "".join(f"{c:8.3f} {g:+.3f}  " for c, g in zip(row, gaps)))

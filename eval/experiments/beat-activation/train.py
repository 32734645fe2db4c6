"""EXPERIMENT (not kept; see docs/beat-tracking.md, "A beat activation learned
from rendered MIDI"). Fits the beat activation's small network on MIDI songs
rendered to audio, writes assembly/onset/beat-activation-weights.ts, and prints a
proxy per evaluation clip: how often the activation is higher on the beat than
on the off-beat half a beat later ("win"), against the plain novelty's.

    python3 train.py RENDER_DIR [EVAL_DIR ...]

RENDER_DIR holds NAME.wav + NAME.beats pairs (render.sh). EVAL_DIRs are only
scored, never trained on."""
import glob
import os
import sys

import numpy as np

from features import group_flux, read_wav16, relative_to_running_mean

LAGS = [0, 1, 2]  # this frame and the two before
HIDDEN = 16
EPOCHS = 30
# the novelty peaks 0–2 frames after the annotated beat (the window's rising half)
LABEL_FRAMES = (0, 2)


def inputs(groups):
    g = np.log1p(relative_to_running_mean(groups))
    return np.hstack([np.vstack([np.zeros((lag, g.shape[1])), g[:len(g) - lag]]) for lag in LAGS]).astype(np.float32)


def labels(frames, beats):
    y = np.zeros(frames, np.float32)
    for t in beats:
        k = int(round(t * 100))
        y[max(0, k + LABEL_FRAMES[0]):max(0, min(frames, k + LABEL_FRAMES[1] + 1))] = 1
    return y


def fit(x, y, seed=0, lr=3e-3):
    """x → HIDDEN tanh → 1 logistic, class-balanced cross-entropy, Adam."""
    rng = np.random.default_rng(seed)
    d = x.shape[1]
    p = {'W1': rng.normal(0, 1 / np.sqrt(d), (d, HIDDEN)).astype(np.float32), 'b1': np.zeros(HIDDEN, np.float32),
         'W2': rng.normal(0, 1 / np.sqrt(HIDDEN), (HIDDEN, 1)).astype(np.float32), 'b2': np.zeros(1, np.float32)}
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v2 = {k: np.zeros_like(v) for k, v in p.items()}
    w_pos, w_neg = 0.5 / y.mean(), 0.5 / (1 - y.mean())
    step = 0
    for _ in range(EPOCHS):
        order = rng.permutation(len(x))
        for s in range(0, len(x), 512):
            i = order[s:s + 512]
            h = np.tanh(x[i] @ p['W1'] + p['b1'])
            prob = 1 / (1 + np.exp(-(h @ p['W2'] + p['b2'])[:, 0]))
            gz = (np.where(y[i] > 0, w_pos, w_neg) * (prob - y[i]))[:, None] / len(i)
            gh = (gz @ p['W2'].T) * (1 - h * h)
            grad = {'W2': h.T @ gz, 'b2': gz.sum(0), 'W1': x[i].T @ gh, 'b1': gh.sum(0)}
            step += 1
            for k in p:
                m[k] = 0.9 * m[k] + 0.1 * grad[k]
                v2[k] = 0.999 * v2[k] + 0.001 * grad[k] ** 2
                p[k] -= lr * (m[k] / (1 - 0.9 ** step)) / (np.sqrt(v2[k] / (1 - 0.999 ** step)) + 1e-8)
    return p


def activation(p, x):
    h = np.tanh(x @ p['W1'] + p['b1'])
    return 1 / (1 + np.exp(-(h @ p['W2'] + p['b2'])[:, 0]))


def beat_wins(a, beats):
    """Share of beats where the activation's peak (0–5 frames after) beats the off-beat's."""
    k = np.round(beats * 100).astype(int)
    k = k[k + 6 < len(a)]
    on = np.array([a[i:i + 6].max() for i in k[:-1]])
    off = np.array([a[i:i + 6].max() for i in (k[:-1] + k[1:]) // 2])
    return (on > off).mean()


def write_weights(p, path):
    flat = lambda a: '[' + ', '.join(f'{v:.7g}' for v in np.asarray(a).ravel()) + ']'
    d = p['W1'].shape[0]
    with open(path, 'w') as f:
        f.write(f"""/**
 * EXPERIMENT weights of the beat activation (beat-activation.ts), written by
 * eval/experiments/beat-activation/train.py. Do not edit: rerun it.
 */
export const INPUTS: i32 = {d};
export const HIDDEN: i32 = {HIDDEN};
/** hidden unit j: row j of INPUTS weights, lag-major ([lag · 6 + group]) */
export const W1: StaticArray<f32> = {flat(p['W1'].T)};
export const B1: StaticArray<f32> = {flat(p['b1'])};
export const W2: StaticArray<f32> = {flat(p['W2'][:, 0])};
export const B2: f32 = {float(p['b2'][0]):.7g};
""")


def main():
    render_dir, eval_dirs = sys.argv[1], sys.argv[2:]
    xs, ys = [], []
    for wav in sorted(glob.glob(os.path.join(render_dir, '*.wav'))):
        groups, _ = group_flux(*read_wav16(wav))
        x = inputs(groups)
        xs.append(x)
        ys.append(labels(len(x), np.loadtxt(wav[:-4] + '.beats', ndmin=1)))
    x, y = np.vstack(xs), np.concatenate(ys)
    print(f'{len(xs)} songs, {len(x)} frames, {y.mean():.3f} labelled beat', flush=True)
    p = fit(x, y)
    here = os.path.dirname(os.path.abspath(__file__))
    write_weights(p, os.path.join(here, '..', '..', '..', 'assembly', 'onset', 'beat-activation-weights.ts'))
    for d in eval_dirs:
        for wav in sorted(glob.glob(os.path.join(d, '*.wav'))):
            groups, total = group_flux(*read_wav16(wav))
            beats = np.loadtxt(wav[:-4] + '.beats', ndmin=1)
            plain = 1 - np.exp(-relative_to_running_mean(total) / 4)
            print(f'{os.path.basename(wav)[:-4]:32s} win: novelty {beat_wins(plain, beats):.2f}  '
                  f'activation {beat_wins(activation(p, inputs(groups)), beats):.2f}')


if __name__ == '__main__':
    main()

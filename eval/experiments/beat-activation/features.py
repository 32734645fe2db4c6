"""Band-group spectral flux, as assembly/onset/spectral-flux.ts computes it
(100 frames/s, Hann window of the next power of two above 40 ms, semitone bands
from 30 Hz, log(1 + 1000·E), SuperFlux against the previous frame's ±1-band
maximum), summed into the six groups of FLUX_GROUP_EDGES."""
import wave
import numpy as np

GROUP_EDGES = [30, 120, 350, 1000, 3000, 8000, 16000]


def read_wav16(path):
    """Mono float samples and rate of a 16-bit PCM WAV."""
    w = wave.open(path)
    if w.getsampwidth() != 2:
        raise ValueError(f'{path}: only 16-bit PCM is read here')
    x = np.frombuffer(w.readframes(w.getnframes()), '<i2').astype(np.float32) / 32768
    return x.reshape(-1, w.getnchannels()).mean(1), w.getframerate()


def group_flux(x, sr):
    """(frames × 6) group flux; frame k ends at sample (k + 1)·hop."""
    hop = int(round(sr / 100))
    n = 16
    while n < 0.04 * sr:
        n <<= 1
    win = np.hanning(n + 1)[:-1].astype(np.float32)
    frames = len(x) // hop
    padded = np.concatenate([np.zeros(n, np.float32), x])
    segs = np.lib.stride_tricks.sliding_window_view(padded, n)[::hop][1:frames + 1]
    mags = np.abs(np.fft.rfft(segs * win, axis=1)) * (2 / win.sum())
    f = np.arange(mags.shape[1]) * sr / n
    top = min(16000, 0.48 * sr)
    raw = np.where((f >= 30) & (f <= top), np.floor(12 * np.log2(np.maximum(f, 1) / 30)), -1)
    bands = np.unique(raw[raw >= 0])
    energy = np.stack([mags[:, raw == b].sum(1) for b in bands], 1)
    centre = np.array([f[raw == b].mean() for b in bands])
    level = np.log1p(1000 * energy)
    prev = np.vstack([np.zeros((1, len(bands))), level[:-1]])
    ref = prev.copy()
    ref[:, 1:] = np.maximum(ref[:, 1:], prev[:, :-1])
    ref[:, :-1] = np.maximum(ref[:, :-1], prev[:, 1:])
    rise = np.maximum(level - ref, 0)
    groups = [(centre >= lo) & (centre < hi) for lo, hi in zip(GROUP_EDGES, GROUP_EDGES[1:])]
    return np.stack([rise[:, g].sum(1) for g in groups], 1).astype(np.float32), rise.sum(1).astype(np.float32)


def relative_to_running_mean(v, frames=300):
    """v over its causal leaky mean (3 s), bias-corrected at the start as the engine does."""
    a = 1 / frames
    acc = np.zeros(v.shape[1:])
    w = 0.0
    out = np.empty_like(v)
    for t in range(len(v)):
        acc = acc + a * (v[t] - acc)
        w = w + a * (1 - w)
        out[t] = v[t] / np.maximum(acc / w, 1e-6)
    return out

/** The meters' scale and ballistics, and the audio session's reports (latency, mic processing, errors). */
import { describe, it, expect } from 'vitest';
import { CLIP_ZONE_DB, METER_MAX_DB, METER_MIN_DB, dbToFraction, fallTowards, formatDb } from '../../ui/meters/meter-scale';
import { formatLatency, latencyReport, micErrorText, processingWarnings } from '../../ui/audio/report';

describe('meter scale', () => {
  it('maps −60 … 0 dBFS linearly onto the bar and clamps outside it', () => {
    expect(dbToFraction(METER_MIN_DB)).toBe(0);
    expect(dbToFraction(METER_MAX_DB)).toBe(1);
    expect(dbToFraction(-30)).toBeCloseTo(0.5, 12);
    expect(dbToFraction(-120)).toBe(0);
    expect(dbToFraction(6)).toBe(1);
    expect(dbToFraction(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(dbToFraction(Number.NaN)).toBe(0);
  });

  it('the red zone starts at the limiter ceiling, −1 dBFS', () => {
    expect(CLIP_ZONE_DB).toBe(-1);
  });

  it('peak ballistics: instant rise, bounded fall', () => {
    expect(fallTowards(-40, -10, 0.016)).toBe(-10);
    expect(fallTowards(-10, -50, 0.5, 12)).toBeCloseTo(-16, 12);
    expect(fallTowards(-10, -12, 1, 12)).toBe(-12);
    expect(fallTowards(Number.NEGATIVE_INFINITY, -20, 0.016)).toBe(-20);
  });

  it('prints one decimal with a real minus sign, and "< −60" under the scale', () => {
    expect(formatDb(-12.34)).toBe('\u221212.3');
    expect(formatDb(0)).toBe('0.0');
    expect(formatDb(-120)).toBe('< \u221260');
  });
});

describe('session reports', () => {
  it('latency adds base + output + engine, treating missing figures as 0', () => {
    const r = latencyReport(0.0027, 0.008, 72, 48000);
    expect(r.engineMs).toBeCloseTo(1.5, 9);
    expect(r.totalMs).toBeCloseTo(12.2, 9);
    expect(formatLatency(r)).toBe('Output latency 12.2 ms (base 2.7 + output 8.0 + engine 1.5)');
    expect(latencyReport(undefined, Number.NaN, 0, 48000).totalMs).toBe(0);
  });

  it('warns about each voice processor the browser did not turn off', () => {
    expect(processingWarnings({ echoCancellation: false, noiseSuppression: false, autoGainControl: false })).toEqual([]);
    expect(processingWarnings({ echoCancellation: true, noiseSuppression: false, autoGainControl: false })).toEqual([
      'browser kept echoCancellation on',
    ]);
    expect(processingWarnings({ echoCancellation: false, noiseSuppression: false })).toEqual(['browser did not confirm autoGainControl off']);
  });

  it('turns getUserMedia errors into one actionable line', () => {
    expect(micErrorText({ name: 'NotAllowedError' })).toMatch(/permission denied.*Demo clip/);
    expect(micErrorText({ name: 'NotFoundError' })).toMatch(/No microphone/);
    expect(micErrorText(new Error('boom'))).toBe('Microphone error: boom');
  });
});

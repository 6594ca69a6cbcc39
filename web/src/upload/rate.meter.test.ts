import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate.meter.ts';

describe('RateMeter', () => {
  it('says nothing until its samples span a second', () => {
    const m = new RateMeter();
    m.add(0, 0);
    m.add(50_000, 500);
    expect(m.speed()).toBeNull();
    expect(m.secondsLeft(50_000, 100_000)).toBeNull();
  });

  it('measures bytes per second and the time left at that speed', () => {
    const m = new RateMeter();
    for (let t = 0; t <= 4000; t += 500) m.add(t * 100, t); // 100 kB/s
    expect(m.speed()).toBeCloseTo(100_000, 6);
    expect(m.secondsLeft(400_000, 1_000_000)).toBeCloseTo(6, 6);
  });

  it('follows the recent speed over a 10 s window, not the average since the start', () => {
    const m = new RateMeter();
    let bytes = 0;
    for (let t = 0; t <= 20_000; t += 1000) {
      m.add(bytes, t);
      bytes += t < 10_000 ? 1_000_000 : 10_000; // 1 MB/s, then 10 kB/s
    }
    expect(m.speed()).toBeLessThan(20_000);
  });

  it('starts over after a reset (a pause)', () => {
    const m = new RateMeter();
    m.add(0, 0);
    m.add(1_000_000, 2000);
    m.reset();
    expect(m.speed()).toBeNull();
  });
});

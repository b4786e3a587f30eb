import { describe, expect, it } from 'vitest';
import { SteppingClock } from '../../src/simulate/stepping-clock.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SteppingClock', () => {
  it('fires timers one due time at a time, letting the work each one starts finish first', async () => {
    const clock = new SteppingClock(100);
    const fired: string[] = [];
    // Each tick does asynchronous work, then sets the next tick: a plain virtual clock would run
    // the ticks after the first only once the whole advance is over.
    const tick = async () => {
      fired.push(`tick@${clock.now()}`);
      await Promise.resolve();
      if (clock.now() < 130) clock.setTimer(10, () => void tick());
    };
    clock.setTimer(10, () => void tick());
    clock.setTimer(15, () => fired.push(`once@${clock.now()}`));
    await clock.advanceTo(200, settle);
    expect(fired).toEqual(['tick@110', 'once@115', 'tick@120', 'tick@130']);
    expect(clock.now()).toBe(200);
  });

  it('does not stop at cancelled timers, and leaves later ones for later', async () => {
    const clock = new SteppingClock(0);
    const fired: number[] = [];
    const settled: number[] = [];
    clock.setTimer(5, () => fired.push(clock.now()))();
    clock.setTimer(50, () => fired.push(clock.now()));
    await clock.advanceTo(20, async () => void settled.push(clock.now()));
    expect([fired, settled, clock.now()]).toEqual([[], [], 20]);
    await clock.advanceTo(60, async () => void settled.push(clock.now()));
    expect([fired, settled, clock.now()]).toEqual([[50], [50], 60]);
  });
});

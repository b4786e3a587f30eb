import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../src/clock.js';
import { PeriodicTask } from '../src/periodic-task.js';

describe('PeriodicTask', () => {
  it('runs every interval between start and stop, once however often it is started', () => {
    const clock = new VirtualClock(0);
    const runs: number[] = [];
    const task = new PeriodicTask(clock, 10, () => runs.push(clock.now()));
    task.start();
    task.start();
    clock.advanceTo(35);
    expect(runs).toEqual([10, 20, 30]);
    task.stop();
    clock.advanceTo(100);
    expect(runs).toEqual([10, 20, 30]);
    task.start();
    clock.advanceTo(125);
    expect(runs).toEqual([10, 20, 30, 110, 120]);
  });

  it('keeps its schedule when the task throws', () => {
    const clock = new VirtualClock(0);
    let runs = 0;
    const task = new PeriodicTask(clock, 10, () => {
      runs++;
      throw new Error('boom');
    });
    task.start();
    expect(() => clock.advanceTo(10)).toThrow('boom');
    expect(() => clock.advanceTo(20)).toThrow('boom');
    expect(runs).toBe(2);
  });
});

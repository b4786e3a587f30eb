import { describe, expect, it } from 'vitest';
import { VirtualClock, type Clock } from '../../src/clock.js';
import { Labels } from '../../src/labels/labels.js';
import { labelsHash } from '../../src/promql/eval/label-hash.js';
import { evaluationSlotMs } from '../../src/rules/evaluation-slot.js';
import { GroupEvaluator } from '../../src/rules/group-evaluator.js';
import { RuleScheduler } from '../../src/rules/rule-scheduler.js';
import { groupsOf, MIN, storeOf } from './rules-helpers.js';

const RULES = `groups:
  - name: a
    interval: 1m
    rules: [{alert: A, expr: vector(1)}]
  - name: b
    interval: 30s
    rules: [{alert: B, expr: vector(1)}]
`;

describe('evaluationSlotMs', () => {
  it("slots a group at its hash's offset within the interval, at or before now", () => {
    const offsetMs = Number((labelsHash(Labels.from({ name: 'a', file: 'rules.yml' })) % 60_000_000_000n) / 1_000_000n);
    const now = 1_700_000_012_345;
    const slot = evaluationSlotMs('rules.yml', 'a', MIN, now);
    expect(slot).toBeLessThanOrEqual(now);
    expect(now - slot).toBeLessThan(MIN);
    expect(((slot % MIN) + MIN) % MIN).toBe(offsetMs);
    expect(evaluationSlotMs('rules.yml', 'a', MIN, now + 5 * MIN)).toBe(slot + 5 * MIN);
    expect(evaluationSlotMs('other.yml', 'a', MIN, now)).not.toBe(slot);
  });
});

describe('RuleScheduler', () => {
  it('evaluates each group at its slots on a virtual clock, from one interval after the start', () => {
    const store = storeOf('');
    const groups = groupsOf(RULES).map((g) => ({ evaluator: new GroupEvaluator(g, store), file: 'rules.yml' }));
    const clock = new VirtualClock(1_700_000_000_000);
    const seen: string[] = [];
    const scheduler = new RuleScheduler(groups, clock, { onEvaluated: (g, atMs) => seen.push(`${g.evaluator.group.name}@${atMs}`) });
    scheduler.start();
    clock.advance(3 * MIN);
    scheduler.stop();
    clock.advance(5 * MIN);
    const slots = (name: string, interval: number) => {
      const first = evaluationSlotMs('rules.yml', name, interval, 1_700_000_000_000) + interval;
      const out: string[] = [];
      for (let t = first; t <= 1_700_000_000_000 + 3 * MIN; t += interval) out.push(`${name}@${t}`);
      return out;
    };
    expect(seen.filter((s) => s.startsWith('a@'))).toEqual(slots('a', MIN));
    expect(seen.filter((s) => s.startsWith('b@'))).toEqual(slots('b', 30_000));
  });

  it('skips the slots it missed when evaluation falls behind', () => {
    let now = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const clock: Clock = { now: () => now, setTimer: (ms, fn) => (timers.push({ at: now + ms, fn }), () => {}) };
    const group = { evaluator: new GroupEvaluator(groupsOf(RULES)[0]!, storeOf('')), file: 'rules.yml' };
    const evaluated: number[] = [];
    const missed: number[] = [];
    new RuleScheduler([group], clock, { onEvaluated: (_, at) => evaluated.push(at), onMissed: (_, n) => missed.push(n) }).start();
    const first = timers.shift()!;
    now = first.at + 2.5 * MIN;
    first.fn();
    expect(missed).toEqual([2]);
    expect(evaluated).toEqual([first.at + 2 * MIN]);
    expect(timers[0]!.at).toBe(first.at + 3 * MIN);
  });
});

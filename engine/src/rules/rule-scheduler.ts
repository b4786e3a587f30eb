/**
 * Runs rule groups on a clock, as Prometheus's rule manager does: each group at its slots
 * (evaluation-slot.ts), starting one interval after the slot preceding the start; evaluations a
 * slow clock tick has missed are skipped, not caught up. Works on the wall clock for `serve` and
 * on a VirtualClock in tests.
 */
import type { Clock } from '../clock.js';
import { evaluationSlotMs } from './evaluation-slot.js';
import type { GroupEvaluator, GroupStepResult } from './group-evaluator.js';

export interface ScheduledGroup {
  evaluator: GroupEvaluator;
  /** The rule file the group came from; part of its slot offset. */
  file: string;
}

export interface RuleSchedulerOptions {
  onEvaluated?: (group: ScheduledGroup, atMs: number, result: GroupStepResult) => void;
  /** Called with the number of slots skipped because evaluation fell behind. */
  onMissed?: (group: ScheduledGroup, missed: number) => void;
}

export class RuleScheduler {
  private readonly cancels = new Map<ScheduledGroup, () => void>();

  constructor(
    private readonly groups: readonly ScheduledGroup[],
    private readonly clock: Clock,
    private readonly options: RuleSchedulerOptions = {},
  ) {}

  start(): void {
    const now = this.clock.now();
    for (const group of this.groups) {
      const { intervalMs, group: rules } = group.evaluator;
      this.schedule(group, evaluationSlotMs(group.file, rules.name, intervalMs, now) + intervalMs);
    }
  }

  stop(): void {
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
  }

  private schedule(group: ScheduledGroup, slotMs: number): void {
    const cancel = this.clock.setTimer(slotMs - this.clock.now(), () => this.run(group, slotMs));
    this.cancels.set(group, cancel);
  }

  private run(group: ScheduledGroup, dueMs: number): void {
    const intervalMs = group.evaluator.intervalMs;
    const missed = Math.max(0, Math.floor((this.clock.now() - dueMs) / intervalMs));
    if (missed > 0) this.options.onMissed?.(group, missed);
    const atMs = dueMs + missed * intervalMs;
    const result = group.evaluator.evaluateAt(atMs);
    this.options.onEvaluated?.(group, atMs, result);
    if (this.cancels.has(group)) this.schedule(group, atMs + intervalMs);
  }
}

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/clock.js';
import { abortAfter } from '../../../src/alertmanager/notify/clock-signals.js';
import { ExponentialBackoff } from '../../../src/alertmanager/notify/backoff.js';
import { retryStage } from '../../../src/alertmanager/notify/retry-stage.js';
import { alert, context, ScriptedIntegration, settle } from './fixtures.js';

const NOW = 1_000_000;
const firing = alert({ alertname: 'firing' }, { endsAt: 0 });
const resolved = alert({ alertname: 'resolved' }, { endsAt: NOW - 3_600_000 });
const failure = (retry: boolean, retryAfterMs?: number) => ({ retry, error: new Error('unexpected status code 500'), retryAfterMs });

/** Runs the promise while moving the clock to each given time once the stage is waiting. */
async function runWhileAdvancing<T>(clock: VirtualClock, promise: Promise<T>, times: number[]): Promise<T> {
  for (const t of times) {
    await settle();
    clock.advanceTo(t);
  }
  return promise;
}

describe('retryStage', () => {
  it('needs the firing alerts from the dedup stage', async () => {
    const stage = retryStage({ integration: new ScriptedIntegration([]), clock: new VirtualClock() });
    await expect(stage.exec(context(), [firing])).rejects.toThrow('firing alerts missing');
  });

  it('without send_resolved sends only firing alerts, and nothing for a resolved-only batch', async () => {
    const integration = new ScriptedIntegration([], false);
    const stage = retryStage({ integration, clock: new VirtualClock(NOW) });
    const result = await stage.exec(context({ now: NOW, firingAlerts: ['1'], resolvedAlerts: ['2'] }), [resolved, firing]);
    expect(result.alerts).toEqual([resolved, firing]);
    expect(integration.calls.map((c) => c.alerts)).toEqual([[firing]]);

    const onlyResolved = await stage.exec(context({ now: NOW, firingAlerts: [], resolvedAlerts: ['2'] }), [resolved]);
    expect(onlyResolved.alerts).toEqual([resolved]);
    expect(integration.calls).toHaveLength(1);
  });

  it('with send_resolved sends every alert', async () => {
    const integration = new ScriptedIntegration([], true);
    const stage = retryStage({ integration, clock: new VirtualClock(NOW) });
    await stage.exec(context({ now: NOW, firingAlerts: ['1'] }), [resolved, firing]);
    await stage.exec(context({ now: NOW, firingAlerts: [] }), [resolved]);
    expect(integration.calls.map((c) => c.alerts)).toEqual([[resolved, firing], [resolved]]);
  });

  it('retries recoverable failures with exponential backoff on the clock', async () => {
    const clock = new VirtualClock(0);
    const integration = new ScriptedIntegration([failure(true), failure(true)], true, 0, () => clock.now());
    const failed: number[] = [];
    const sent: number[] = [];
    const stage = retryStage({
      integration,
      clock,
      random: () => 0.5,
      onAttemptFailed: (_, attempt) => failed.push(attempt),
      onSent: () => sent.push(clock.now()),
    });
    await runWhileAdvancing(clock, stage.exec(context({ firingAlerts: ['1'] }), [firing]), [500, 1250]);
    expect(integration.calls.map((c) => c.at)).toEqual([0, 500, 1250]);
    expect(failed).toEqual([1, 2]);
    expect(sent).toEqual([1250]);
  });

  it('gives up at once on an unrecoverable failure', async () => {
    const integration = new ScriptedIntegration([failure(false)]);
    const stage = retryStage({ integration, clock: new VirtualClock() });
    await expect(stage.exec(context({ firingAlerts: ['1'] }), [firing])).rejects.toThrow(
      'team/webhook[0]: notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 500',
    );
  });

  it('stops retrying when the flush deadline passes, with the last error', async () => {
    const clock = new VirtualClock(0);
    const integration = new ScriptedIntegration(Array.from({ length: 100 }, () => failure(true)), true, 0, () => clock.now());
    const deadline = abortAfter(clock, 2000, new Error('context deadline exceeded'));
    const promise = retryStage({ integration, clock, random: () => 0.5 }).exec(context({ firingAlerts: ['1'], signal: deadline.signal }), [firing]);
    const outcome = expect(promise).rejects.toThrow('team/webhook[0]: notify retry canceled after 3 attempts: unexpected status code 500');
    await runWhileAdvancing(clock, Promise.resolve(), [500, 1250, 2000]);
    await outcome;
    expect(integration.calls.map((c) => c.at)).toEqual([0, 500, 1250]);
  });

  it('reports the deadline itself when no attempt failed before it', async () => {
    const controller = new AbortController();
    controller.abort(new Error('context deadline exceeded'));
    const integration = new ScriptedIntegration([]);
    await expect(retryStage({ integration, clock: new VirtualClock() }).exec(context({ firingAlerts: ['1'], signal: controller.signal }), [firing])).rejects.toThrow(
      'notify retry canceled after 0 attempts: context deadline exceeded',
    );
    expect(integration.calls).toEqual([]);
  });

  it("waits the receiver's Retry-After when it is longer than the backoff", async () => {
    const clock = new VirtualClock(0);
    const integration = new ScriptedIntegration([failure(true, 5000), failure(true, 10)], true, 0, () => clock.now());
    await runWhileAdvancing(clock, retryStage({ integration, clock, random: () => 0.5 }).exec(context({ firingAlerts: ['1'] }), [firing]), [4999, 5000, 5750]);
    expect(integration.calls.map((c) => c.at)).toEqual([0, 5000, 5750]);
  });
});

describe('ExponentialBackoff', () => {
  it('grows by 1.5 from 500ms up to 60s, randomised by ±50%', () => {
    const middle = new ExponentialBackoff(() => 0.5);
    const delays = Array.from({ length: 14 }, () => middle.next());
    expect(delays.slice(0, 4)).toEqual([500, 750, 1125, 1687.5]);
    expect(delays.at(-1)).toBe(60_000);
    expect(new ExponentialBackoff(() => 0).next()).toBe(250);
    expect(new ExponentialBackoff(() => 0.999).next()).toBeCloseTo(749.5);
  });
});

/** Alerts, contexts and fakes shared by the notification pipeline tests. */
import type { StoredAlert } from '../../../src/alertmanager/model.js';
import type { NotifyContext } from '../../../src/alertmanager/notify/context.js';
import type { Integration, NotifyOutcome } from '../../../src/alertmanager/notify/integration.js';
import { fingerprint } from '../../../src/labels/fingerprint.js';
import { Labels } from '../../../src/labels/labels.js';

export function alert(labels: Record<string, string>, times: Partial<Pick<StoredAlert, 'startsAt' | 'endsAt' | 'updatedAt'>> = {}): StoredAlert {
  const set = Labels.from(labels);
  return {
    labels: set,
    annotations: {},
    startsAt: times.startsAt ?? 0,
    endsAt: times.endsAt ?? 0,
    generatorURL: '',
    updatedAt: times.updatedAt ?? 0,
    timeout: false,
    fingerprint: fingerprint(set),
  };
}

export function context(overrides: Partial<NotifyContext> = {}): NotifyContext {
  return {
    now: 1_000_000,
    groupKey: '{}:{}',
    groupLabels: Labels.EMPTY,
    receiver: 'team',
    repeatInterval: 3_600_000,
    muteTimeIntervals: [],
    activeTimeIntervals: [],
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** An integration whose answers are scripted; it records what it was sent and when. */
export class ScriptedIntegration implements Integration {
  readonly type = 'webhook';
  readonly calls: { at: number; alerts: readonly StoredAlert[]; ctx: NotifyContext }[] = [];

  constructor(
    private readonly outcomes: NotifyOutcome[],
    readonly sendResolved = true,
    readonly index = 0,
    private readonly now: () => number = () => 0,
  ) {}

  async notify(ctx: NotifyContext, alerts: readonly StoredAlert[]): Promise<NotifyOutcome> {
    this.calls.push({ at: this.now(), alerts, ctx });
    return this.outcomes.shift() ?? { retry: false };
  }
}

/** Lets pending promise continuations run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent, Silence, SilenceMatcher } from '../../../src/alertmanager/model.js';
import { SilenceNotFoundError, SilenceRejectedError } from '../../../src/alertmanager/silences/silence-errors.js';
import { canUpdate, type SilenceListener } from '../../../src/alertmanager/silences/silences.js';
import { Labels } from '../../../src/labels/labels.js';
import { eq, HOUR, input, MINUTE, re, SECOND, setup, T0 } from './silence-fixtures.js';

const record = (spec: Partial<Silence>): Silence => ({ id: 'x', updatedAt: T0 - HOUR, ...input(), ...spec }) as Silence;

describe('Silences.set', () => {
  it('creates, updates in place, and expires-and-replaces as upstream (TestSilenceSet)', () => {
    const { clock, silences } = setup({ retention: HOUR });
    const start1 = clock.now();

    expect(silences.set(input({ startsAt: start1 + 2 * MINUTE, endsAt: start1 + 5 * MINUTE }))).toEqual({ outcome: 'created', id: 'id-1' });
    expect(silences.get('id-1')).toEqual({ id: 'id-1', ...input({ startsAt: start1 + 2 * MINUTE, endsAt: start1 + 5 * MINUTE }), updatedAt: start1 });

    clock.advance(MINUTE);
    const start2 = clock.now();
    silences.set(input({ startsAt: 0, endsAt: start2 + MINUTE }));
    expect(silences.get('id-2')).toMatchObject({ startsAt: start2, endsAt: start2 + MINUTE, updatedAt: start2 });

    // Upstream advances a full minute, to the instant id-2 ends, which its silences count as still active.
    clock.advance(MINUTE - 1);
    const start3 = clock.now();
    expect(silences.set(input({ id: 'id-2', startsAt: start2, endsAt: start3 + 100 * MINUTE }))).toEqual({ outcome: 'updated', id: 'id-2' });
    expect(silences.get('id-2')).toMatchObject({ startsAt: start2, endsAt: start3 + 100 * MINUTE, updatedAt: start3 });

    clock.advance(MINUTE);
    const start4 = clock.now();
    const changed = input({ id: 'id-2', matchers: [eq('a', 'c')], startsAt: start2, endsAt: start3 + 100 * MINUTE });
    expect(silences.set(changed)).toEqual({ outcome: 'replaced', id: 'id-3', replacedId: 'id-2' });
    expect(silences.get('id-2')).toMatchObject({ startsAt: start2, endsAt: start4, updatedAt: start4 });
    expect(silences.get('id-3')).toMatchObject({ matchers: [eq('a', 'c')], startsAt: start4, endsAt: start3 + 100 * MINUTE, updatedAt: start4 });

    clock.advance(MINUTE);
    const start5 = clock.now();
    expect(silences.set(input({ id: 'id-2', startsAt: start1, endsAt: start5 + 5 * MINUTE }))).toEqual({ outcome: 'replaced', id: 'id-4', replacedId: 'id-2' });
    expect(silences.get('id-2')).toMatchObject({ endsAt: start4, updatedAt: start4 });
    expect(silences.get('id-4')).toMatchObject({ startsAt: start5, endsAt: start5 + 5 * MINUTE });
  });

  it('keeps a start that moved within the same second (TestSetActiveSilence)', () => {
    const { clock, silences } = setup();
    const now = clock.now();
    silences.set(input({ startsAt: now - MINUTE, endsAt: now + 5 * MINUTE }));
    clock.advance(MINUTE);
    expect(silences.set(input({ id: 'id-1', startsAt: now + 2, endsAt: now + 7 * MINUTE }))).toEqual({ outcome: 'updated', id: 'id-1' });
    expect(silences.get('id-1')).toMatchObject({ startsAt: now + 2, endsAt: now + 7 * MINUTE, updatedAt: now + MINUTE });
  });

  it('refuses an unknown ID and an invalid silence, changing nothing (TestSilencesSetFail)', () => {
    const { silences } = setup();
    expect(() => silences.set(input({ id: 'some_id' }))).toThrow(new SilenceNotFoundError('some_id'));
    expect(() => silences.set(input({ matchers: [] }))).toThrow(new SilenceRejectedError('silence invalid: at least one matcher required'));
    silences.set(input());
    const before = silences.get('id-1');
    expect(() => silences.set(input({ id: 'id-1', matchers: [eq('a', '')] }))).toThrow(
      'silence invalid: at least one matcher must not match the empty string',
    );
    expect(silences.get('id-1')).toBe(before);
    expect(silences.size).toBe(1);
  });

  it("answers an unknown ID as 404 'silence not found' and an invalid silence as 400", () => {
    const { silences } = setup();
    expect(() => silences.set(input({ id: 'nope' }))).toThrow(expect.objectContaining({ status: 404, message: 'silence not found' }));
    expect(() => silences.set(input({ matchers: [re('a', '(')] }))).toThrow(
      expect.objectContaining({
        status: 400,
        message: 'silence invalid: invalid label matcher 0: invalid regular expression "(": error parsing regexp: missing closing ): `(`',
      }),
    );
  });

  it('refuses new silences over the limit, but still updates in place', () => {
    const { silences } = setup({ maxSilences: 1 });
    silences.set(input());
    expect(() => silences.set(input({ matchers: [eq('x', 'y')] }))).toThrow('exceeded maximum number of silences: 1 (limit: 1)');
    expect(silences.set(input({ id: 'id-1', comment: 'longer' })).outcome).toBe('updated');
  });
});

describe('canUpdate (TestSilenceCanUpdate)', () => {
  const now = T0;
  it.each<[string, Partial<Silence>, Partial<Silence>, boolean]>([
    ['expired', { startsAt: now - HOUR, endsAt: now - SECOND }, { startsAt: now, endsAt: now }, false],
    ['pending, new start in the past', { startsAt: now + HOUR, endsAt: now + 2 * HOUR }, { startsAt: now - MINUTE, endsAt: now + HOUR }, false],
    ['pending, new start in the future', { startsAt: now + HOUR, endsAt: now + 2 * HOUR }, { startsAt: now + MINUTE, endsAt: now + MINUTE }, true],
    ['pending, new start now', { startsAt: now + HOUR, endsAt: now + 2 * HOUR }, { startsAt: now, endsAt: now + 2 * HOUR }, true],
    ['active, start moved', { startsAt: now - HOUR, endsAt: now + 2 * HOUR }, { startsAt: now - MINUTE, endsAt: now + 2 * HOUR }, false],
    ['active, end in the past', { startsAt: now - HOUR, endsAt: now + 2 * HOUR }, { startsAt: now - HOUR, endsAt: now - SECOND }, false],
    ['active, end now', { startsAt: now - HOUR, endsAt: now + 2 * HOUR }, { startsAt: now - HOUR, endsAt: now }, true],
    ['active, end later', { startsAt: now - HOUR, endsAt: now + 2 * HOUR }, { startsAt: now - HOUR, endsAt: now + 3 * HOUR }, true],
    ['active, matchers changed', { startsAt: now - HOUR, endsAt: now + 2 * HOUR }, { matchers: [eq('a', 'c')], startsAt: now - HOUR, endsAt: now + 3 * HOUR }, false],
    ['active, matchers reordered', { matchers: [eq('a', 'b'), eq('c', 'd')], startsAt: now - HOUR, endsAt: now + HOUR }, { matchers: [eq('c', 'd'), eq('a', 'b')], startsAt: now - HOUR, endsAt: now + HOUR }, false],
  ])('%s', (_name, previous, next, expected) => {
    expect(canUpdate(record(previous), { ...record(previous), ...next }, now)).toBe(expected);
  });
});

describe('Silences.expire (TestSilenceExpire)', () => {
  function withThree(retention: number) {
    const context = setup({ retention });
    const now = context.clock.now();
    context.silences.load([
      record({ id: 'pending', startsAt: now + MINUTE, endsAt: now + HOUR }),
      record({ id: 'active', startsAt: now - MINUTE, endsAt: now + HOUR }),
      record({ id: 'expired', startsAt: now - HOUR, endsAt: now - MINUTE }),
    ]);
    return { ...context, now };
  }

  it('ends an active silence now, starts and ends a pending one now, and leaves an expired one', () => {
    const { silences, now } = withThree(HOUR);
    expect(silences.query({ states: ['pending'] }).map((s) => s.id)).toEqual(['pending']);
    expect(silences.expire('pending')).toBe('expired');
    expect(silences.expire('active')).toBe('expired');
    expect(silences.expire('expired')).toBe('already-expired');
    expect(silences.get('pending')).toMatchObject({ startsAt: now, endsAt: now, updatedAt: now });
    expect(silences.get('active')).toMatchObject({ startsAt: now - MINUTE, endsAt: now, updatedAt: now });
    expect(silences.get('expired')).toMatchObject({ startsAt: now - HOUR, endsAt: now - MINUTE, updatedAt: now - HOUR });
    expect(silences.query({ states: ['expired'] })).toHaveLength(3);
  });

  it('takes effect at once, even with zero retention (TestSilenceExpireWithZeroRetention)', () => {
    const { silences } = withThree(0);
    for (const id of ['pending', 'active', 'expired']) silences.expire(id);
    expect(silences.query({ states: ['active', 'pending'] })).toEqual([]);
    expect(silences.query({ states: ['expired'] })).toHaveLength(3);
  });

  it('refuses an unknown ID', () => {
    expect(() => setup().silences.expire('nope')).toThrow(SilenceNotFoundError);
  });
});

describe('Silences queries, garbage collection, listeners and history', () => {
  it('selects by IDs, states and matching labels', () => {
    const { silences, clock } = setup();
    silences.set(input({ matchers: [eq('job', 'api')] }));
    silences.set(input({ matchers: [re('job', 'a.*')], startsAt: T0 + HOUR, endsAt: T0 + 2 * HOUR }));
    silences.set(input({ matchers: [eq('job', 'db')] }));
    const api = Labels.from({ job: 'api' });
    expect(silences.query({ matching: api }).map((s) => s.id)).toEqual(['id-1', 'id-2']);
    expect(silences.query({ matching: api, states: ['active'] }).map((s) => s.id)).toEqual(['id-1']);
    expect(silences.query({ ids: ['id-3', 'nope', 'id-1'] }).map((s) => s.id)).toEqual(['id-3', 'id-1']);
    clock.advance(HOUR);
    expect(silences.query({ matching: api, states: ['active'] }).map((s) => s.id)).toEqual(['id-2']);
  });

  it('forgets silences retention after they end, on the clock', () => {
    const { silences, clock } = setup({ retention: HOUR, maintenanceInterval: 15 * MINUTE });
    const deleted: string[][] = [];
    silences.subscribe({ silencesDeleted: (ids) => deleted.push([...ids]) });
    silences.set(input({ endsAt: T0 + 10 * MINUTE }));
    silences.set(input({ endsAt: T0 + 3 * HOUR }));
    silences.start();
    clock.advance(HOUR + 10 * MINUTE - 1);
    expect(silences.size).toBe(2);
    clock.advance(15 * MINUTE);
    expect([silences.size, deleted]).toEqual([1, [['id-1']]]);
    silences.stop();
    clock.advance(10 * HOUR);
    expect(silences.size).toBe(1);
  });

  it('tells listeners every stored record and records history for each change', () => {
    const history: HistoryEvent[] = [];
    const { silences, clock } = setup({ onHistory: (e) => history.push(e) });
    const stored: Silence[] = [];
    const listener: SilenceListener = { silenceStored: (s) => stored.push(s) };
    silences.subscribe(listener);
    const version = silences.version;
    silences.set(input());
    silences.set(input({ id: 'id-1', comment: 'more' }));
    clock.advance(MINUTE);
    silences.set(input({ id: 'id-1', matchers: [eq('a', 'z')] }));
    silences.expire('id-2');
    expect(stored.map((s) => [s.id, s.endsAt - T0])).toEqual([
      ['id-1', HOUR],
      ['id-1', HOUR],
      ['id-1', MINUTE],
      ['id-2', HOUR],
      ['id-2', MINUTE],
    ]);
    expect(history.map((e) => [e.kind, e.silenceId, e.data?.['reason'] ?? e.data?.['replaces']])).toEqual([
      ['silence.created', 'id-1', undefined],
      ['silence.updated', 'id-1', undefined],
      ['silence.expired', 'id-1', 'replaced'],
      ['silence.created', 'id-2', 'id-1'],
      ['silence.expired', 'id-2', 'expired'],
    ]);
    expect(silences.version).toBeGreaterThan(version);
  });

  it('hands out frozen records and copies what it is given', () => {
    const { silences } = setup();
    const given = input();
    silences.set(given);
    given.matchers[0]!.value = 'changed';
    const kept = silences.get('id-1')!;
    expect(kept.matchers[0]!.value).toBe('b');
    expect(Object.isFrozen(kept) && Object.isFrozen(kept.matchers[0])).toBe(true);
  });
});

describe('silence update rules, as properties', () => {
  const offset = fc.integer({ min: -180, max: 180 }).map((m) => m * MINUTE);
  const matcherSet = fc.constantFrom<SilenceMatcher[][]>([eq('a', 'b')], [eq('a', 'c')], [eq('a', 'b'), eq('x', 'y')]).map((ms) => ms.map((m) => ({ ...m })));
  const request = fc.record({ matchers: matcherSet, start: offset, length: fc.integer({ min: 1, max: 240 }).map((m) => m * MINUTE) });
  /** A first silence that has not ended when it is created. */
  const firstRequest = request.map((r) => ({ ...r, length: Math.max(r.length, MINUTE - r.start) }));
  const scenario = fc.record({ first: firstRequest, second: request, wait: fc.integer({ min: 0, max: 300 }).map((m) => m * MINUTE) });

  /** Whether a silence was active at each of the sample times. */
  const activity = (s: Silence, times: number[]) => times.map((t) => s.startsAt <= t && t < s.endsAt);

  it('never rewrites what a silence silenced in the past, and new silences never start in the past', () => {
    fc.assert(
      fc.property(scenario, ({ first, second, wait }) => {
        const { silences, clock } = setup();
        silences.set(input({ matchers: first.matchers, startsAt: T0 + first.start, endsAt: T0 + first.start + first.length }));
        clock.advance(wait);
        const now = clock.now();
        const past = Array.from({ length: 60 }, (_, i) => now - SECOND - i * 7 * MINUTE);
        const before = activity(silences.get('id-1')!, past);
        let result;
        try {
          result = silences.set(input({ id: 'id-1', matchers: second.matchers, startsAt: now + second.start, endsAt: now + second.start + second.length }));
        } catch (e) {
          expect(e).toBeInstanceOf(SilenceRejectedError);
          expect(activity(silences.get('id-1')!, past)).toEqual(before);
          return;
        }
        expect(activity(silences.get('id-1')!, past)).toEqual(before);
        if (result.outcome === 'replaced') {
          const created = silences.get(result.id)!;
          expect(created.startsAt).toBeGreaterThanOrEqual(now);
          expect(silences.state(silences.get('id-1')!)).toBe('expired');
        } else {
          expect(result).toEqual({ outcome: 'updated', id: 'id-1' });
          expect(silences.get('id-1')!.matchers).toEqual(second.matchers);
        }
      }),
    );
  });

  it('updates in place exactly when canUpdate allows it', () => {
    fc.assert(
      fc.property(scenario, ({ first, second, wait }) => {
        const { silences, clock } = setup();
        silences.set(input({ matchers: first.matchers, startsAt: T0 + first.start, endsAt: T0 + first.start + first.length }));
        clock.advance(wait);
        const previous = silences.get('id-1')!;
        const next = input({ id: 'id-1', matchers: second.matchers, startsAt: clock.now() + second.start, endsAt: clock.now() + second.start + second.length });
        const allowed = canUpdate(previous, next, clock.now());
        try {
          expect(silences.set(next).outcome === 'updated').toBe(allowed);
        } catch (e) {
          expect(e).toBeInstanceOf(SilenceRejectedError);
        }
      }),
    );
  });
});

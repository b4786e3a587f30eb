import { describe, expect, it } from 'vitest';
import { AlertMarker } from '../../../src/alertmanager/alerts/marker.js';
import type { SilenceMatcher } from '../../../src/alertmanager/model.js';
import { silenceMatches } from '../../../src/alertmanager/silences/silence-matchers.js';
import { silenceState } from '../../../src/alertmanager/silences/silence-state.js';
import { Silencer } from '../../../src/alertmanager/silences/silencer.js';
import { fingerprint } from '../../../src/labels/fingerprint.js';
import { Labels } from '../../../src/labels/labels.js';
import { eq, HOUR, input, MINUTE, ne, nre, re, setup, T0 } from './silence-fixtures.js';

describe('silenceState', () => {
  it('is pending before the start, active from the start, expired from the end on', () => {
    const s = { startsAt: T0, endsAt: T0 + MINUTE };
    expect([T0 - 1, T0, T0 + MINUTE - 1, T0 + MINUTE].map((t) => silenceState(s, t))).toEqual(['pending', 'active', 'active', 'expired']);
  });
});

describe('silenceMatches (TestQMatches)', () => {
  const labels = Labels.from({ job: 'test', instance: 'web-1', path: '/user/profile', method: 'GET' });
  it.each<[SilenceMatcher[], boolean]>([
    [[eq('job', 'test')], true],
    [[ne('job', 'test')], false],
    [[eq('job', 'test'), eq('method', 'POST')], false],
    [[eq('job', 'test'), ne('method', 'POST')], true],
    [[re('path', '/user/.+')], true],
    [[nre('path', '/user/.+')], false],
    [[re('path', '/user/.+'), re('path', '/nothing/.+')], false],
    [[re('path', 'user')], false],
    [[eq('missing', '')], true],
    [[re('method', 'get')], false],
    [[re('method', '(?i)get')], true],
  ])('%o: %s', (matchers, expected) => {
    expect(silenceMatches({ id: 'x', matchers, startsAt: 0, endsAt: 0, updatedAt: 0, createdBy: '', comment: '' }, labels)).toBe(expected);
  });

  it('does not let . match a newline, as Alertmanager anchors without (?s)', () => {
    const silence = { id: 'x', matchers: [re('a', 'x.y')], startsAt: 0, endsAt: 0, updatedAt: 0, createdBy: '', comment: '' };
    expect([silenceMatches(silence, Labels.from({ a: 'x-y' })), silenceMatches(silence, Labels.from({ a: 'x\ny' }))]).toEqual([true, false]);
  });
});

describe('Silencer (TestSilencer)', () => {
  it('silences with active silences only, and follows them through time', () => {
    const { silences, clock } = setup();
    const marker = new AlertMarker();
    const silencer = new Silencer(silences, marker);
    const foo = Labels.from({ foo: 'bar' });
    const fp = fingerprint(foo);

    expect(silencer.mutes(foo)).toBe(false);
    silences.set(input({ matchers: [eq('foo', 'baz')], startsAt: T0 - HOUR, endsAt: T0 + 5 * MINUTE }));
    expect(silencer.mutes(foo)).toBe(false);
    const { id } = silences.set(input({ matchers: [eq('foo', 'bar')], startsAt: T0 - HOUR, endsAt: T0 + 5 * MINUTE }));
    expect(silencer.mutes(foo)).toBe(true);
    expect(marker.status(fp)).toMatchObject({ state: 'suppressed', silencedBy: [id] });

    clock.advance(HOUR);
    expect(silencer.mutes(foo)).toBe(false);
    expect(marker.status(fp).state).toBe('active');

    const later = silences.set(input({ id, matchers: [eq('foo', 'bar')], startsAt: clock.now() + HOUR, endsAt: clock.now() + 3 * HOUR }));
    expect(silencer.mutes(foo)).toBe(false);
    expect(marker.pendingSilences(fp)).toEqual([later.id]);

    clock.advance(2 * HOUR);
    expect(silencer.mutes(foo)).toBe(true);

    const regex = silences.set(input({ matchers: [re('foo', 'b..')], startsAt: clock.now() + HOUR, endsAt: clock.now() + 3 * HOUR }));
    expect(silencer.mutes(foo)).toBe(true);
    clock.advance(2 * HOUR);
    expect(silencer.mutes(foo)).toBe(true);
    expect(silencer.silencedBy(foo)).toEqual([regex.id]);
  });

  it('lists the IDs of all active silences that match, sorted', () => {
    const ids = ['c', 'a', 'b'];
    const { silences } = setup({ newId: () => ids.shift()! });
    silences.set(input({ matchers: [eq('foo', 'bar')] }));
    silences.set(input({ matchers: [re('foo', 'b.*')] }));
    silences.set(input({ matchers: [ne('foo', 'baz')] }));
    const silencer = new Silencer(silences);
    expect(silencer.silencedBy(Labels.from({ foo: 'bar' }))).toEqual(['a', 'b', 'c']);
    expect(silencer.silencedBy(Labels.from({ foo: 'baz' }))).toEqual(['a']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Silence } from '../../../src/alertmanager/model.js';
import {
  formatGettableSilence,
  selectSilences,
  silenceMatchesFilter,
  type FilterMatcher,
} from '../../../src/alertmanager/silences/gettable-silence.js';
import { eq, HOUR, MINUTE, ne, nre, re, T0 } from './silence-fixtures.js';

const silence = (id: string, startsAt: number, endsAt: number, matchers = [eq('a', 'b')]): Silence => ({
  id,
  matchers,
  startsAt,
  endsAt,
  updatedAt: T0 - HOUR,
  createdBy: 'me',
  comment: 'c',
});

describe('formatGettableSilence', () => {
  it("prints upstream's shape", () => {
    const printed = JSON.stringify(formatGettableSilence(silence('id', T0, T0 + HOUR, [ne('a', '')]), T0));
    expect(printed).toBe(
      '{"id":"id","status":{"state":"active"},"updatedAt":"2026-11-27T04:00:00.000Z","comment":"c","createdBy":"me",' +
        '"endsAt":"2026-11-27T06:00:00.000Z","matchers":[{"isEqual":false,"isRegex":false,"name":"a","value":""}],' +
        '"startsAt":"2026-11-27T05:00:00.000Z"}',
    );
  });

  it('adds annotations only when there are some', () => {
    expect(formatGettableSilence({ ...silence('id', T0, T0 + HOUR), annotations: { t: '1' } }, T0).annotations).toEqual({ t: '1' });
    expect(formatGettableSilence({ ...silence('id', T0, T0 + HOUR), annotations: {} }, T0)).not.toHaveProperty('annotations');
  });
});

describe('silenceMatchesFilter (TestCheckSilenceMatchesFilterLabels)', () => {
  const s = silence('id', T0, T0 + HOUR, [eq('label', 'value'), re('regex', 'a|b'), nre('nre', 'x'), ne('ne', 'y')]);
  it.each<[FilterMatcher[], boolean]>([
    [[], true],
    [[{ name: 'label', type: '=', value: 'value' }], true],
    [[{ name: 'label', type: '=', value: 'value' }, { name: 'regex', type: '=~', value: 'a|b' }], true],
    [[{ name: 'label', type: '=~', value: 'value' }], false],
    [[{ name: 'label', type: '=', value: 'val.*' }], false],
    [[{ name: 'regex', type: '=', value: 'a' }], false],
    [[{ name: 'nre', type: '!~', value: 'x' }, { name: 'ne', type: '!=', value: 'y' }], true],
    [[{ name: 'ne', type: '=', value: 'y' }], false],
    [[{ name: 'other', type: '=', value: 'value' }], false],
  ])('%o: %s', (filter, expected) => {
    expect(silenceMatchesFilter(s, filter)).toBe(expected);
  });
});

describe('selectSilences', () => {
  const now = T0;
  const list = [
    silence('expired-early', now - 3 * HOUR, now - 2 * HOUR),
    silence('pending-late', now + 2 * HOUR, now + 3 * HOUR),
    silence('active-late', now - HOUR, now + 2 * HOUR),
    silence('expired-late', now - 3 * HOUR, now - MINUTE),
    silence('active-soon', now - HOUR, now + MINUTE),
    silence('pending-soon', now + HOUR, now + 3 * HOUR, [eq('x', 'y')]),
    silence('active-soon-b', now - HOUR, now + MINUTE),
  ];

  it('sorts active by soonest end, pending by soonest start, expired by latest end, ties by ID', () => {
    expect(selectSilences(list, { filter: [], now }).map((s) => s.id)).toEqual([
      'active-soon',
      'active-soon-b',
      'active-late',
      'pending-soon',
      'pending-late',
      'expired-late',
      'expired-early',
    ]);
  });

  it('keeps those that match the filter syntactically, and those in the asked states', () => {
    expect(selectSilences(list, { filter: [{ name: 'x', type: '=', value: 'y' }], now }).map((s) => s.id)).toEqual(['pending-soon']);
    expect(selectSilences(list, { filter: [], now, states: ['expired'] }).map((s) => s.status.state)).toEqual(['expired', 'expired']);
  });
});

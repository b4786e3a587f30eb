import { describe, expect, it } from 'vitest';
import { AlertMarker } from '../../../src/alertmanager/alerts/marker.js';
import { predictAlertStatus } from '../../../src/alertmanager/alerts/predict-status.js';
import { AlertProvider } from '../../../src/alertmanager/alerts/provider.js';
import { InhibitRule } from '../../../src/alertmanager/inhibit/inhibit-rule.js';
import { Inhibitor } from '../../../src/alertmanager/inhibit/inhibitor.js';
import { Silencer } from '../../../src/alertmanager/silences/silencer.js';
import { Silences } from '../../../src/alertmanager/silences/silences.js';
import { fingerprint } from '../../../src/labels/fingerprint.js';
import { Labels } from '../../../src/labels/labels.js';
import { Matcher, type MatchType } from '../../../src/labels/matcher.js';
import { VirtualClock } from '../../../src/clock.js';
import { alert, HOUR, MINUTE, SECOND, stored, T0 } from '../alerts/alert-fixtures.js';

const now = T0;
const m = (name: string, type: MatchType, value: string) => new Matcher(name, type, value, { dotAll: false });
const rule = (source: Matcher[], target: Matcher[], equal: string[]) => ({ sourceMatchers: source, targetMatchers: target, equal });
const labels = (o: Record<string, string>) => Labels.from(o);

describe('InhibitRule: equal labels (TestInhibitRuleHasEqual)', () => {
  // Sources carry src="1"; targets are any alert without it.
  const anyTarget = rule([m('src', '=', '1')], [], []);
  it.each<[string, Parameters<typeof stored>[0][], string[], Record<string, string>, boolean]>([
    ['no source alerts', [], [], { a: 'b' }, false],
    ['no equal labels: any source does', [{ labels: { x: 'y' }, endsAt: 0 }], [], { a: 'b' }, true],
    [
      'matching but already resolved',
      [
        { labels: { a: 'b', b: 'f' }, startsAt: now - MINUTE, endsAt: now - SECOND },
        { labels: { a: 'b', b: 'c' }, startsAt: now - MINUTE, endsAt: now - SECOND },
      ],
      ['a', 'b'],
      { a: 'b', b: 'c' },
      false,
    ],
    [
      'matching and unresolved',
      [
        { labels: { a: 'b', c: 'd' }, startsAt: now - MINUTE, endsAt: now - SECOND },
        { labels: { a: 'b', c: 'f' }, startsAt: now - MINUTE, endsAt: now + HOUR },
      ],
      ['a'],
      { a: 'b' },
      true,
    ],
    [
      'equal label does not match',
      [
        { labels: { a: 'c', c: 'd' }, startsAt: now - MINUTE, endsAt: now - SECOND },
        { labels: { a: 'c', c: 'f' }, startsAt: now - MINUTE, endsAt: now - SECOND },
      ],
      ['a'],
      { a: 'b' },
      false,
    ],
    ['an equal label missing on both sides counts as equal', [{ labels: { x: '1' }, endsAt: now + HOUR }], ['cluster'], { y: '2' }, true],
    ['an equal label missing on one side', [{ labels: { x: '1', cluster: 'c' }, endsAt: now + HOUR }], ['cluster'], { y: '2' }, false],
  ])('%s', (_name, sources, equal, target, inhibited) => {
    const r = new InhibitRule({ ...anyTarget, equal });
    for (const source of sources) r.addSource(stored({ ...source, labels: { ...source?.labels, src: '1' } }));
    expect(r.inhibitorOf(labels(target), now) !== undefined).toBe(inhibited);
  });

  it('does not confuse equal-label values that would run together', () => {
    const r = new InhibitRule(rule([m('s', '=', '1')], [m('t', '=', '1')], ['a', 'b']));
    r.addSource(stored({ labels: { s: '1', a: 'x\xff', b: '' }, endsAt: now + HOUR }));
    expect(r.inhibitorOf(labels({ t: '1', a: 'x', b: '\xff' }), now)).toBeUndefined();
  });

  it('names the source that ends last, and stops once that one is removed and the rest are resolved', () => {
    const r = new InhibitRule(rule([m('s', '=', '1')], [m('t', '=', '1')], []));
    const early = stored({ labels: { s: '1', n: 'early' }, endsAt: now + MINUTE });
    const late = stored({ labels: { s: '1', n: 'late' }, endsAt: now + HOUR });
    r.addSource(early);
    r.addSource(late);
    expect(r.inhibitorOf(labels({ t: '1' }), now)).toBe(late.fingerprint);
    r.addSource({ ...late, endsAt: now - SECOND });
    expect(r.inhibitorOf(labels({ t: '1' }), now)).toBe(early.fingerprint);
    r.removeSource(early);
    expect(r.inhibitorOf(labels({ t: '1' }), now)).toBeUndefined();
  });
});

function inhibitorWith(rules: ReturnType<typeof rule>[], sources: ReturnType<typeof alert>[]) {
  const clock = new VirtualClock(now);
  const provider = new AlertProvider({ clock });
  const marker = new AlertMarker();
  const inhibitor = new Inhibitor(rules, clock, marker);
  inhibitor.attach(provider);
  provider.put(sources);
  return { clock, provider, marker, inhibitor };
}

describe('Inhibitor: rules with equal-match and two-sided rules (TestInhibitRuleMatches)', () => {
  const { inhibitor } = inhibitorWith(
    [rule([m('s1', '=', '1')], [m('t1', '=', '1')], ['e']), rule([m('s2', '=', '1')], [m('t2', '=', '1')], ['e'])],
    [
      alert({ labels: { s1: '1', t1: '2', e: '1' }, startsAt: now - MINUTE, endsAt: now + HOUR }),
      alert({ labels: { s2: '1', t2: '1', e: '1' }, startsAt: now - MINUTE, endsAt: now + HOUR }),
    ],
  );
  it.each<[Record<string, string>, boolean]>([
    [{ t1: '1', e: '1' }, true],
    [{ t2: '1', e: '1' }, true],
    [{ t1: '1', t3: '1', e: '1' }, true],
    [{ t1: '1', t2: '1', e: '1' }, true],
    [{ t1: '0', e: '1' }, false],
    [{ s1: '1', t1: '1', e: '1' }, true],
    [{ s2: '1', t2: '1', e: '1' }, false],
    [{ t1: '1', e: '0' }, false],
  ])('%o inhibited: %s', (target, expected) => {
    expect(inhibitor.mutes(labels(target))).toBe(expected);
  });
});

describe('Inhibitor: negative target matchers (TestInhibitRuleMatchers)', () => {
  const { inhibitor } = inhibitorWith(
    [rule([m('s1', '=', '1')], [m('t1', '!=', '1')], ['e']), rule([m('s2', '=', '1')], [m('t2', '=', '1')], ['e'])],
    [
      alert({ labels: { s1: '1', t1: '2', e: '1' }, startsAt: now - MINUTE, endsAt: now + HOUR }),
      alert({ labels: { s2: '1', t2: '1', e: '1' }, startsAt: now - MINUTE, endsAt: now + HOUR }),
    ],
  );
  it.each<[Record<string, string>, boolean]>([
    [{ t1: '1', e: '1' }, false],
    [{ t2: '1', e: '1' }, true],
    [{ t1: '1', t3: '1', e: '1' }, false],
    [{ t1: '1', t2: '1', e: '1' }, true],
    [{ t1: '0', e: '1' }, true],
    [{ s1: '1', t1: '1', e: '1' }, false],
    [{ s2: '1', t2: '1', e: '1' }, true],
    [{ t1: '1', e: '0' }, false],
  ])('%o inhibited: %s', (target, expected) => {
    expect(inhibitor.mutes(labels(target))).toBe(expected);
  });
});

describe('Inhibitor with the alert provider (TestInhibit)', () => {
  const criticalRule = rule([m('s', '=', '1')], [m('t', '=', '1')], ['e']);
  const target = { t: '1', e: 'f' };
  const source = (endsAt: number) => alert({ labels: { s: '1', e: 'f' }, startsAt: now - MINUTE, endsAt, updatedAt: now });

  it('inhibits while the source fires, names it in inhibitedBy, and lets go once it resolves', () => {
    const { inhibitor, marker, provider, clock } = inhibitorWith([criticalRule], [alert({ labels: target, endsAt: now + HOUR }), source(now + HOUR)]);
    const sourceFp = fingerprint(labels({ s: '1', e: 'f' }));
    expect(inhibitor.mutes(labels(target))).toBe(true);
    expect(marker.status(fingerprint(labels(target)))).toMatchObject({ state: 'suppressed', inhibitedBy: [sourceFp] });
    expect(inhibitor.mutes(labels({ s: '1', e: 'f' }))).toBe(false);

    clock.advance(MINUTE);
    provider.put([{ ...source(now), updatedAt: clock.now() }]);
    expect(inhibitor.mutes(labels(target))).toBe(false);
    expect(marker.status(fingerprint(labels(target)))).toMatchObject({ state: 'active', inhibitedBy: [] });
  });

  it('stops when the source times out, and forgets it when the provider collects it', () => {
    const { inhibitor, provider, clock } = inhibitorWith([criticalRule], [source(now + 5 * MINUTE)]);
    expect(inhibitor.inhibitedBy(labels(target))).toHaveLength(1);
    clock.advance(5 * MINUTE);
    expect(inhibitor.inhibitedBy(labels(target))).toEqual([]);
    provider.gc();
    expect(inhibitor.rules[0]!.inhibitorOf(labels(target), 0)).toBeUndefined();
  });

  it('picks up alerts stored before it was attached (a config reload)', () => {
    const clock = new VirtualClock(now);
    const provider = new AlertProvider({ clock });
    provider.put([source(now + HOUR)]);
    const inhibitor = new Inhibitor([criticalRule], clock);
    const detach = inhibitor.attach(provider);
    expect(inhibitor.mutes(labels(target))).toBe(true);
    detach();
    provider.put([alert({ labels: { s: '1', e: 'g' }, endsAt: now + HOUR })]);
    expect(inhibitor.mutes(labels({ t: '1', e: 'g' }))).toBe(false);
  });

  it('lets a silenced source inhibit, and shows both in the predicted status', () => {
    const { clock, inhibitor } = inhibitorWith([criticalRule], [source(now + HOUR), alert({ labels: target, endsAt: now + HOUR })]);
    const silences = new Silences({ clock, newId: () => 'sil-1' });
    silences.set({ matchers: [{ name: 'e', value: 'f', isRegex: false, isEqual: true }], startsAt: now, endsAt: now + HOUR, createdBy: 'me', comment: '' });
    const silencer = new Silencer(silences);
    expect(predictAlertStatus(labels({ s: '1', e: 'f' }), { silencer, inhibitor })).toEqual({
      state: 'suppressed',
      silencedBy: ['sil-1'],
      inhibitedBy: [],
      mutedBy: [],
    });
    expect(predictAlertStatus(labels(target), { silencer, inhibitor })).toEqual({
      state: 'suppressed',
      silencedBy: ['sil-1'],
      inhibitedBy: [fingerprint(labels({ s: '1', e: 'f' }))],
      mutedBy: [],
    });
    expect(predictAlertStatus(labels({ other: 'x' }), { silencer, inhibitor }).state).toBe('active');
  });
});

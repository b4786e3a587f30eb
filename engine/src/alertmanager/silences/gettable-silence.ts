/**
 * Silences as GET /api/v2/silences and /api/v2/silence/{id} print them (gettableSilence), the
 * `filter` semantics of the list (syntactic: each filter matcher must equal one of the silence's
 * matchers in name, type and value), and its order: active ones by soonest end, then pending by
 * soonest start, then expired by latest end (ties by ID, where upstream's order is arbitrary).
 */
import type { MatchType } from '../../labels/matcher.js';
import { formatApiTime } from '../alerts/api-time.js';
import { silenceMatchType, type Silence, type SilenceState } from '../model.js';
import { silenceState } from './silence-state.js';

export interface GettableSilence {
  id: string;
  status: { state: SilenceState };
  updatedAt: string;
  annotations?: Record<string, string>;
  comment: string;
  createdBy: string;
  endsAt: string;
  matchers: { isEqual: boolean; isRegex: boolean; name: string; value: string }[];
  startsAt: string;
}

export function formatGettableSilence(silence: Silence, now: number): GettableSilence {
  const annotations = silence.annotations && Object.keys(silence.annotations).length > 0 ? { annotations: { ...silence.annotations } } : {};
  return {
    id: silence.id,
    status: { state: silenceState(silence, now) },
    updatedAt: formatApiTime(silence.updatedAt),
    ...annotations,
    comment: silence.comment,
    createdBy: silence.createdBy,
    endsAt: formatApiTime(silence.endsAt),
    matchers: silence.matchers.map(({ isEqual, isRegex, name, value }) => ({ isEqual, isRegex, name, value })),
    startsAt: formatApiTime(silence.startsAt),
  };
}

/** A `filter` matcher as the API parses it. */
export interface FilterMatcher {
  name: string;
  type: MatchType;
  value: string;
}

export function silenceMatchesFilter(silence: Silence, filter: readonly FilterMatcher[]): boolean {
  return filter.every((f) => silence.matchers.some((m) => m.name === f.name && m.value === f.value && silenceMatchType(m) === f.type));
}

export interface SelectSilencesOptions {
  filter: readonly FilterMatcher[];
  now: number;
  /** 0.34's `active`/`pending`/`expired` parameters; all states when absent. */
  states?: readonly SilenceState[];
}

/** GET /api/v2/silences: the silences that pass, formatted and in upstream's order. */
export function selectSilences(silences: Iterable<Silence>, options: SelectSilencesOptions): GettableSilence[] {
  const selected: Silence[] = [];
  for (const silence of silences) {
    if (options.states && !options.states.includes(silenceState(silence, options.now))) continue;
    if (silenceMatchesFilter(silence, options.filter)) selected.push(silence);
  }
  return sortSilences(selected, options.now).map((s) => formatGettableSilence(s, options.now));
}

const STATE_ORDER: Record<SilenceState, number> = { active: 0, pending: 1, expired: 2 };

export function sortSilences(silences: Silence[], now: number): Silence[] {
  const keyed = silences.map((silence) => ({ silence, state: silenceState(silence, now) }));
  keyed.sort((a, b) => {
    if (a.state !== b.state) return STATE_ORDER[a.state] - STATE_ORDER[b.state];
    const byTime =
      a.state === 'active'
        ? a.silence.endsAt - b.silence.endsAt
        : a.state === 'pending'
          ? a.silence.startsAt - b.silence.startsAt
          : b.silence.endsAt - a.silence.endsAt;
    return byTime !== 0 ? byTime : a.silence.id < b.silence.id ? -1 : a.silence.id > b.silence.id ? 1 : 0;
  });
  return keyed.map((k) => k.silence);
}

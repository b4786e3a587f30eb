/**
 * The silences (Alertmanager's silence.Silences) on the injected clock: create, update in place
 * or expire-and-replace, expire, query, and garbage collection `retention` after a silence ends
 * (every `maintenanceInterval` once started). Records are frozen; every change stores a new one.
 *
 * Setting a silence with an ID updates it in place when the matchers are unchanged and either it
 * is active, keeps its start (to the second) and does not end in the past, or it is pending and
 * does not start in the past. Otherwise the old silence is expired (if it was not already) and a
 * new one with a new ID takes its place, so that history keeps what the old one silenced. New
 * silences start no earlier than now. Unlike Alertmanager 0.25, an invalid silence is refused
 * before anything changes (0.25 could expire the old one first).
 *
 * Listener API: `subscribe(listener)` gets `silenceStored` for every stored record (created,
 * updated, expired) and `silencesDeleted` after garbage collection. History: `silence.created`,
 * `silence.updated`, `silence.expired` (data.reason `expired` or `replaced`).
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { PeriodicTask } from '../../periodic-task.js';
import type { Labels } from '../../labels/labels.js';
import type { NameValidation } from '../../labels/name-validation.js';
import type { HistoryEvent, Silence, SilenceMatcher, SilenceState } from '../model.js';
import { SilenceNotFoundError, SilenceRejectedError } from './silence-errors.js';
import { silenceMatches } from './silence-matchers.js';
import { silenceState } from './silence-state.js';
import { validateSilence } from './validate-silence.js';

/** What a client asks for; `id` names the silence to update. */
export type SilenceInput = Omit<Silence, 'id' | 'updatedAt'> & { id?: string };

export type SetSilenceResult =
  | { outcome: 'created'; id: string }
  | { outcome: 'updated'; id: string }
  | { outcome: 'replaced'; id: string; replacedId: string };

export interface SilenceListener {
  silenceStored?(silence: Silence): void;
  silencesDeleted?(ids: readonly string[]): void;
}

export interface SilenceQuery {
  ids?: readonly string[];
  states?: readonly SilenceState[];
  /** Only silences whose matchers match these labels. */
  matching?: Labels;
}

export interface SilencesOptions {
  clock: Clock;
  /** How long after its end a silence is kept, ms; default 120h (`--data.retention`). */
  retention?: number;
  /** Between garbage collections once started, ms; default 15m (`--data.maintenance-interval`). */
  maintenanceInterval?: number;
  /** 0 or absent: no limit (`--silences.max-silences`). */
  maxSilences?: number;
  /** Which matcher label names are valid; default `legacy`, as Alertmanager 0.25. */
  names?: NameValidation;
  /** Default: a random UUID (version 4). */
  newId?: () => string;
  onHistory?: (event: HistoryEvent) => void;
}

export const DEFAULT_SILENCE_RETENTION = 120 * 3_600_000;
export const DEFAULT_MAINTENANCE_INTERVAL = 15 * 60_000;

export class Silences {
  private readonly silences = new Map<string, Silence>();
  private readonly listeners = new Set<SilenceListener>();
  private readonly garbageCollection: PeriodicTask;
  private changes = 0;

  constructor(private readonly options: SilencesOptions) {
    this.garbageCollection = new PeriodicTask(options.clock, options.maintenanceInterval ?? DEFAULT_MAINTENANCE_INTERVAL, () => this.gc());
  }

  /** Grows with every change; lets callers cache what they derived from the silences. */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.silences.size;
  }

  get(id: string): Silence | undefined {
    return this.silences.get(id);
  }

  /** The state of a silence now. */
  state(silence: Silence): SilenceState {
    return silenceState(silence, this.options.clock.now());
  }

  query(query: SilenceQuery = {}): Silence[] {
    const now = this.options.clock.now();
    const candidates = query.ids ? query.ids.flatMap((id) => this.silences.get(id) ?? []) : [...this.silences.values()];
    return candidates.filter(
      (s) => (!query.states || query.states.includes(silenceState(s, now))) && (!query.matching || silenceMatches(s, query.matching)),
    );
  }

  /**
   * Creates or updates a silence. Throws SilenceNotFoundError for an unknown `id` and
   * SilenceRejectedError for an invalid silence or one over the limit; then nothing changed.
   */
  set(input: SilenceInput): SetSilenceResult {
    const now = this.options.clock.now();
    const previous = input.id ? this.silences.get(input.id) : undefined;
    if (input.id && !previous) throw new SilenceNotFoundError(input.id);
    const fields = copyFields(input);
    if (previous && canUpdate(previous, fields, now)) {
      const updated = freeze({ ...this.checked(fields), id: previous.id, updatedAt: now });
      this.store(updated);
      this.record(now, 'silence.updated', updated.id, describe(updated));
      return { outcome: 'updated', id: updated.id };
    }
    const checked = this.checked({ ...fields, startsAt: Math.max(fields.startsAt, now) });
    const limit = this.options.maxSilences ?? 0;
    if (limit > 0 && this.silences.size + 1 > limit) {
      throw new SilenceRejectedError(`exceeded maximum number of silences: ${this.silences.size} (limit: ${limit})`);
    }
    const created = freeze({ ...checked, id: this.newId(), updatedAt: now });
    const replacing = previous && silenceState(previous, now) !== 'expired' ? previous : undefined;
    if (replacing) this.expireNow(replacing, now, { reason: 'replaced', replacedBy: created.id });
    this.store(created);
    this.record(now, 'silence.created', created.id, { ...describe(created), ...(previous ? { replaces: previous.id } : {}) });
    return previous ? { outcome: 'replaced', id: created.id, replacedId: previous.id } : { outcome: 'created', id: created.id };
  }

  /**
   * Expires a silence now: an active one ends now, a pending one starts and ends now, an expired
   * one is left as it is. Throws SilenceNotFoundError for an unknown ID.
   */
  expire(id: string): 'expired' | 'already-expired' {
    const silence = this.silences.get(id);
    if (!silence) throw new SilenceNotFoundError(id);
    const now = this.options.clock.now();
    if (silenceState(silence, now) === 'expired') return 'already-expired';
    this.expireNow(silence, now, { reason: 'expired' });
    return 'expired';
  }

  /** Forgets silences that ended `retention` ago or earlier; returns their IDs. */
  gc(): string[] {
    const cutoff = this.options.clock.now() - (this.options.retention ?? DEFAULT_SILENCE_RETENTION);
    const deleted: string[] = [];
    for (const [id, silence] of this.silences) {
      if (silence.endsAt > cutoff) continue;
      this.silences.delete(id);
      deleted.push(id);
    }
    if (deleted.length > 0) {
      this.changes++;
      for (const listener of this.listeners) listener.silencesDeleted?.(deleted);
    }
    return deleted;
  }

  subscribe(listener: SilenceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Restores silences the store kept; tells no listener and records no history. */
  load(records: readonly Silence[]): void {
    for (const record of records) this.silences.set(record.id, freeze({ ...record, matchers: record.matchers.map((m) => ({ ...m })) }));
    this.changes++;
  }

  /** Starts periodic garbage collection on the clock. */
  start(): void {
    this.garbageCollection.start();
  }

  stop(): void {
    this.garbageCollection.stop();
  }

  private checked<T extends Pick<Silence, 'matchers' | 'startsAt' | 'endsAt'>>(silence: T): T {
    const problem = validateSilence(silence, this.options.names);
    if (problem) throw new SilenceRejectedError(`silence invalid: ${problem}`);
    return silence;
  }

  private expireNow(silence: Silence, now: number, data: Record<string, unknown>): void {
    const startsAt = silenceState(silence, now) === 'pending' ? now : silence.startsAt;
    this.store(freeze({ ...silence, startsAt, endsAt: now, updatedAt: now }));
    this.record(now, 'silence.expired', silence.id, data);
  }

  private store(silence: Silence): void {
    this.silences.set(silence.id, silence);
    this.changes++;
    for (const listener of this.listeners) listener.silenceStored?.(silence);
  }

  private record(at: number, kind: HistoryEvent['kind'], silenceId: string, data: Record<string, unknown>): void {
    this.options.onHistory?.({ at, kind, silenceId, data });
  }

  private newId(): string {
    return (this.options.newId ?? randomUUID)();
  }
}

/** Whether `next` may overwrite `previous` without changing what `previous` silenced so far. */
export function canUpdate(previous: Silence, next: Pick<Silence, 'matchers' | 'startsAt' | 'endsAt'>, now: number): boolean {
  if (!sameMatchers(previous.matchers, next.matchers)) return false;
  switch (silenceState(previous, now)) {
    case 'active':
      return Math.floor(previous.startsAt / 1000) === Math.floor(next.startsAt / 1000) && next.endsAt >= now;
    case 'pending':
      return next.startsAt >= now;
    case 'expired':
      return false;
  }
}

function sameMatchers(a: readonly SilenceMatcher[], b: readonly SilenceMatcher[]): boolean {
  return (
    a.length === b.length &&
    a.every((m, i) => m.name === b[i]!.name && m.value === b[i]!.value && m.isRegex === b[i]!.isRegex && m.isEqual === b[i]!.isEqual)
  );
}

function copyFields(input: SilenceInput): Omit<Silence, 'id' | 'updatedAt'> {
  const fields: Omit<Silence, 'id' | 'updatedAt'> = {
    matchers: input.matchers.map(({ name, value, isRegex, isEqual }) => ({ name, value, isRegex, isEqual })),
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    createdBy: input.createdBy,
    comment: input.comment,
  };
  if (input.annotations) fields.annotations = { ...input.annotations };
  return fields;
}

function describe(silence: Silence): Record<string, unknown> {
  return {
    matchers: silence.matchers,
    startsAt: silence.startsAt,
    endsAt: silence.endsAt,
    createdBy: silence.createdBy,
    comment: silence.comment,
  };
}

function freeze(silence: Silence): Silence {
  Object.freeze(silence.matchers);
  for (const m of silence.matchers) Object.freeze(m);
  return Object.freeze(silence);
}

/**
 * Named time intervals (`time_intervals` and the deprecated `mute_time_intervals`) with Alertmanager
 * 0.25's parsing of times (HH:MM, 24:00 allowed), weekday and month names and ranges, days of
 * the month counted from the end when negative, years, and IANA locations.
 */
import type { YamlField } from '../../yaml/go-values.js';
import { isNull, type YamlNode } from '../../yaml/tree.js';
import { headRange, type ConfigReader } from './config-reader.js';
import { timeZoneError } from './time-zones.js';
import type { InclusiveRange, TimeIntervalConfig, TimeIntervalSpec } from './types.js';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** The fields of a named time interval the loader accepts. */
export const TIME_INTERVAL_FIELDS = ['name', 'time_intervals'] as const;
/** The fields of each item of its `time_intervals`. */
export const TIME_INTERVAL_SPEC_FIELDS = ['times', 'weekdays', 'days_of_month', 'months', 'years', 'location'] as const;
/** The fields of each item of `times`. */
export const TIME_RANGE_FIELDS = ['start_time', 'end_time'] as const;
const TIME = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** One entry of `time_intervals:`; `deprecatedKey` for `mute_time_intervals:`. */
export function readTimeInterval(reader: ConfigReader, node: YamlNode, deprecatedKey: boolean): TimeIntervalConfig | undefined {
  const what = deprecatedKey ? 'a mute time interval' : 'a time interval';
  // A null item decodes to an interval with no name that upstream does not check.
  if (isNull(node)) return { name: { value: '', range: headRange(node) }, intervals: [], deprecatedKey, range: node.range };
  const map = reader.mapping(node, what);
  if (!map) return undefined;
  const fields = reader.fields(map, TIME_INTERVAL_FIELDS, what);
  const nameField = fields.get('name');
  const name = nameField ? reader.string(nameField.value, 'the name') : '';
  const specs = fields.get('time_intervals');
  const intervals = specs ? reader.items(specs.value, '`time_intervals`').flatMap((spec) => readSpec(reader, spec) ?? []) : [];
  if (name === '' && nameField?.value.kind !== 'map' && nameField?.value.kind !== 'seq') {
    reader.error(`missing name in ${deprecatedKey ? 'mute time interval' : 'time interval'}`, nameField?.value.range ?? headRange(map));
  }
  return { name: { value: name, range: nameField?.value.range ?? headRange(map) }, intervals, deprecatedKey, range: map.range };
}

function readSpec(reader: ConfigReader, node: YamlNode): TimeIntervalSpec | undefined {
  if (isNull(node)) return {};
  const map = reader.mapping(node, 'a time interval specification');
  if (!map) return undefined;
  const fields = reader.fields(map, TIME_INTERVAL_SPEC_FIELDS, 'a time interval specification');
  const spec: TimeIntervalSpec = {};
  const present = (name: string) => {
    const field = fields.get(name);
    return field && !isNull(field.value) ? field : undefined;
  };
  const times = present('times');
  if (times) spec.times = reader.items(times.value, '`times`').flatMap((item) => readTimeRange(reader, item) ?? []);
  const ranges = (field: YamlField | undefined, parse: (text: string) => InclusiveRange | string) =>
    field && reader.strings(field.value, `\`${field.key.kind === 'scalar' ? field.key.text : ''}\``).flatMap(({ value, node: item }) => {
      if (isNull(item)) return [{ begin: 0, end: 0 }];
      const parsed = parse(value);
      if (typeof parsed === 'string') {
        reader.error(parsed, item.range);
        return [];
      }
      return [parsed];
    });
  const weekdays = ranges(present('weekdays'), weekdayRange);
  if (weekdays) spec.weekdays = weekdays;
  const days = ranges(present('days_of_month'), dayOfMonthRange);
  if (days) spec.daysOfMonth = days;
  const months = ranges(present('months'), monthRange);
  if (months) spec.months = months;
  const years = ranges(present('years'), yearRange);
  if (years) spec.years = years;
  const location = present('location');
  if (location) {
    const zone = reader.string(location.value, '`location`');
    const error = location.value.kind === 'scalar' ? timeZoneError(zone) : undefined;
    if (error) reader.error(error, location.value.range);
    spec.location = zone === '' ? 'UTC' : zone;
  }
  return spec;
}

function readTimeRange(reader: ConfigReader, node: YamlNode): { startMinute: number; endMinute: number } | undefined {
  if (isNull(node)) return { startMinute: 0, endMinute: 0 };
  const map = reader.mapping(node, 'a time range');
  if (!map) return undefined;
  const fields = reader.fields(map, TIME_RANGE_FIELDS, 'a time range');
  const start = fields.get('start_time');
  const end = fields.get('end_time');
  const startText = start ? reader.string(start.value, '`start_time`') : '';
  const endText = end ? reader.string(end.value, '`end_time`') : '';
  const fail = (message: string, field?: YamlField) => {
    reader.error(message, field?.value.range ?? headRange(map));
    return undefined;
  };
  if (startText === '' || endText === '') return fail('both start and end times must be provided');
  if (!TIME.test(startText)) return fail(`couldn't parse timestamp ${startText}, invalid format`, start);
  if (!TIME.test(endText)) return fail(`couldn't parse timestamp ${endText}, invalid format`, end);
  const startMinute = minutes(startText);
  const endMinute = minutes(endText);
  if (startMinute >= endMinute) return fail('start time cannot be equal or greater than end time', start);
  return { startMinute, endMinute };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** `a` or `a:b` with each member read by `member`, which returns an error message or a number. */
function range(text: string, member: (s: string) => number | string): InclusiveRange | string {
  const lower = text.toLowerCase();
  const parts = lower.split(':');
  if (parts.length > 2) return `couldn't parse range ${lower}, invalid format`;
  const begin = member(parts[0]!);
  if (typeof begin === 'string') return begin;
  const end = parts.length === 2 ? member(parts[1]!) : begin;
  if (typeof end === 'string') return end;
  return { begin, end };
}

/** Go's strconv.Atoi, with its error message. */
function atoi(s: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(s)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  const value = Number(s);
  if (!Number.isSafeInteger(value) || Math.abs(value) > 2 ** 63) return `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`;
  return value;
}

function weekdayRange(text: string): InclusiveRange | string {
  const parsed = range(text, (s) => {
    const day = WEEKDAYS.indexOf(s);
    return day >= 0 ? day : `${s} is not a valid weekday`;
  });
  if (typeof parsed === 'string') return parsed;
  if (parsed.begin > parsed.end) return 'start day cannot be before end day';
  return parsed;
}

function dayOfMonthRange(text: string): InclusiveRange | string {
  const parsed = range(text, atoi);
  if (typeof parsed === 'string') return parsed;
  const { begin, end } = parsed;
  const valid = (day: number) => day !== 0 && day >= -31 && day <= 31;
  if (!valid(begin)) return `${begin} is not a valid day of the month: out of range`;
  if (!valid(end)) return `${end} is not a valid day of the month: out of range`;
  if (begin < 0 && end > 0) return 'end day must be negative if start day is negative';
  // Negative days counted in the shortest month: only ranges that are always empty are refused.
  const asDay = (day: number) => (day < 0 ? 28 + day : day);
  if (asDay(begin) > asDay(end)) return `end day ${end} is always before start day ${begin}`;
  return parsed;
}

function monthRange(text: string): InclusiveRange | string {
  const parsed = range(text, (s) => {
    const month = MONTHS.indexOf(s);
    if (month >= 0) return month + 1;
    const number = atoi(s);
    return typeof number === 'number' ? number : `${s} is not a valid month`;
  });
  if (typeof parsed === 'string') return parsed;
  if (parsed.begin > parsed.end) return `end month ${MONTHS[parsed.end - 1] ?? ''} is before start month ${MONTHS[parsed.begin - 1] ?? ''}`;
  return parsed;
}

function yearRange(text: string): InclusiveRange | string {
  const parsed = range(text, atoi);
  if (typeof parsed === 'string') return parsed;
  if (parsed.begin > parsed.end) return `end year ${parsed.end} is before start year ${parsed.begin}`;
  return parsed;
}

/**
 * The routing tree as written, with Alertmanager 0.25's checks of each route (label names,
 * `group_by`, zero intervals). The checks that need the whole file (the root route, receivers
 * and time intervals that exist) are in load-config.ts.
 */
import type { YamlField } from '../../yaml/go-values.js';
import { isNull, type YamlNode } from '../../yaml/tree.js';
import { headRange, type ConfigReader } from './config-reader.js';
import { isClassicLabelName, readMatcherList, readMatchMap, readMatchReMap } from './matcher-fields.js';
import type { Located, RouteConfig } from './types.js';

/** The fields of a route the loader accepts. */
export const ROUTE_FIELDS = [
  'receiver',
  'group_by',
  'match',
  'match_re',
  'matchers',
  'mute_time_intervals',
  'active_time_intervals',
  'continue',
  'routes',
  'group_wait',
  'group_interval',
  'repeat_interval',
] as const;

/** Reads a route and its children; undefined when the node is not a mapping. */
export function readRoute(reader: ConfigReader, node: YamlNode): RouteConfig | undefined {
  const map = reader.mapping(node, 'a route');
  if (!map) return undefined;
  const fields = reader.knownFields(map, ROUTE_FIELDS, ['labels'], 'a route', () => 'unknown field "labels" in a route: route labels came after Alertmanager 0.25, which rejects them');
  const get = (name: string) => fields.get(name);
  const route: RouteConfig = {
    groupByAll: false,
    matchers: [],
    continue: false,
    muteTimeIntervals: names(reader, get('mute_time_intervals'), '`mute_time_intervals`'),
    activeTimeIntervals: names(reader, get('active_time_intervals'), '`active_time_intervals`'),
    routes: [],
    range: map.range,
  };
  const receiver = get('receiver');
  if (receiver) route.receiver = { value: reader.string(receiver.value, '`receiver`'), range: receiver.value.range };
  readGroupBy(reader, get('group_by'), route);
  if (get('match')) route.matchers.push(...readMatchMap(reader, get('match')!.value, '`match`'));
  if (get('match_re')) route.matchers.push(...readMatchReMap(reader, get('match_re')!.value, '`match_re`'));
  if (get('matchers')) route.matchers.push(...readMatcherList(reader, get('matchers')!.value, '`matchers`'));
  if (get('continue')) route.continue = reader.bool(get('continue')!.value, '`continue`');
  for (const name of ['group_wait', 'group_interval', 'repeat_interval'] as const) {
    const field = get(name);
    if (!field) continue;
    const ms = reader.duration(field.value, `\`${name}\``);
    if (ms === undefined) continue;
    if (ms === 0 && name !== 'group_wait') reader.error(`${name} cannot be zero`, field.value.range);
    route[name === 'group_wait' ? 'groupWait' : name === 'group_interval' ? 'groupInterval' : 'repeatInterval'] = ms;
  }
  const routes = get('routes');
  for (const child of routes ? reader.items(routes.value, '`routes`') : []) {
    if (isNull(child)) {
      reader.error('an empty route crashes Alertmanager 0.25', headRange(child));
      continue;
    }
    const childRoute = readRoute(reader, child);
    if (childRoute) route.routes.push(childRoute);
  }
  return route;
}

function names(reader: ConfigReader, field: YamlField | undefined, what: string): Located<string>[] {
  if (!field) return [];
  return reader.strings(field.value, what).map((s) => ({ value: s.value, range: s.node.range }));
}

/** `group_by`: label names, or `...` alone; an empty list sets nothing, as in Alertmanager 0.25. */
function readGroupBy(reader: ConfigReader, field: YamlField | undefined, route: RouteConfig): void {
  if (!field) return;
  const labels: string[] = [];
  let wildcard: YamlNode | undefined;
  for (const { value, node } of reader.strings(field.value, '`group_by`')) {
    if (value === '...') {
      wildcard = node;
      continue;
    }
    if (!isClassicLabelName(value)) {
      reader.error(`invalid label name ${JSON.stringify(value)} in group_by list`, node.range);
      continue;
    }
    if (labels.includes(value)) reader.error(`duplicated label ${JSON.stringify(value)} in group_by`, node.range);
    labels.push(value);
  }
  if (wildcard && labels.length > 0) {
    reader.error('cannot have wildcard group_by (`...`) and other other labels at the same time', wildcard.range);
  }
  route.groupByAll = wildcard !== undefined;
  if (labels.length > 0) route.groupBy = [...new Set(labels)];
}

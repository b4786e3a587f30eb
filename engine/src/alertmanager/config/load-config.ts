/**
 * Loads an Alertmanager configuration file with Alertmanager 0.25's validation, defaults and
 * messages (config/config.go, config/notifiers.go, timeinterval), decoding as its yaml.v2 strict
 * mode does, plus Klaxon's own top-level keys. Every problem is located in the file, inside
 * matcher strings too; secrets are never echoed. Never throws.
 */
import { problem, type Problem } from '../../errors.js';
import { inFile, type FileProblem } from '../../file-problem.js';
import type { TextRange } from '../../promql/ast.js';
import type { YamlField } from '../../yaml/go-values.js';
import { readYamlTree } from '../../yaml/read-tree.js';
import { isNull, type YamlNode } from '../../yaml/tree.js';
import { ConfigReader, SOURCE, headRange } from './config-reader.js';
import { readGlobal } from './global-config.js';
import { readInhibitRule } from './inhibit-rule-config.js';
import { KLAXON_KEYS, readKlaxonSettings } from './klaxon-settings.js';
import { applyGlobalSettings, readReceiver } from './receiver-config.js';
import { readRoute } from './route-config.js';
import { globError } from '../../files/go-glob.js';
import { readTimeInterval } from './time-interval-config.js';
import type { AlertmanagerConfig, Located, ReceiverConfig, RouteConfig, TimeIntervalConfig } from './types.js';

export interface LoadedAlertmanagerConfig {
  /** Undefined when the file is not YAML or has no usable route; check `problems` for errors either way. */
  config?: AlertmanagerConfig;
  /** Sorted by position in the file. */
  problems: FileProblem[];
}

/** The top-level keys the loader accepts: Alertmanager 0.25's, then Klaxon's own. */
export const CONFIG_KEYS = ['global', 'route', 'inhibit_rules', 'receivers', 'templates', 'mute_time_intervals', 'time_intervals', ...KLAXON_KEYS] as const;
const LATER_KEYS = ['tracing', 'event_recorder'];

export function loadAlertmanagerConfig(text: string, file: string): LoadedAlertmanagerConfig {
  const problems: Problem[] = [];
  let config: AlertmanagerConfig | undefined;
  try {
    const tree = readYamlTree(text, 'yaml.v2');
    problems.push(...tree.problems);
    if (!tree.problems.some((p) => p.severity === 'error')) config = new ConfigLoader(text, problems).load(tree.root);
  } catch (e) {
    problems.push(problem(`internal error while loading the configuration: ${e instanceof Error ? e.message : String(e)}`, { start: 0, end: Math.min(1, text.length) }, SOURCE));
  }
  const located = problems.map((p) => inFile(file, clamp(p, text.length)));
  located.sort((a, b) => a.range.start - b.range.start);
  return { config, problems: located };
}

function clamp(p: Problem, length: number): Problem {
  const start = Math.max(0, Math.min(p.range.start, length));
  const end = Math.max(start, Math.min(p.range.end, length));
  return start === p.range.start && end === p.range.end ? p : { ...p, range: { start, end } };
}

class ConfigLoader {
  private readonly read: ConfigReader;

  constructor(
    private readonly text: string,
    problems: Problem[],
  ) {
    this.read = new ConfigReader(text, problems);
  }

  load(root: YamlNode | undefined): AlertmanagerConfig | undefined {
    const start: TextRange = { start: 0, end: Math.min(1, this.text.length) };
    if (root === undefined || isNull(root)) {
      this.read.error('no route provided in config', start);
      return undefined;
    }
    const map = this.read.mapping(root, 'the configuration');
    if (!map) return undefined;
    const later = (key: string) => `unknown field "${key}" in the configuration: it came after Alertmanager 0.25, which rejects it`;
    const fields = this.read.knownFields(map, CONFIG_KEYS, LATER_KEYS, 'the configuration', later);
    const global = readGlobal(this.read, fields.get('global')?.value);
    const receivers = this.receivers(fields.get('receivers'));
    applyGlobalSettings(this.read, receivers, global);
    const timeIntervals = this.timeIntervals(fields);
    const route = this.route(fields.get('route'), headRange(map));
    const inhibitRules = this.list(fields.get('inhibit_rules'), '`inhibit_rules`').flatMap((node) => readInhibitRule(this.read, node) ?? []);
    const templates = this.templates(fields.get('templates'));
    const klaxon = readKlaxonSettings(this.read, { enrichment: fields.get('enrichment')?.value, severities: fields.get('severities')?.value });
    if (!route) return undefined;
    this.checkReferences(route, receivers, timeIntervals);
    const resolveTimeout = typeof global.resolve_timeout === 'number' ? global.resolve_timeout : 0;
    return { global: { resolveTimeout, settings: global }, route, receivers, inhibitRules, timeIntervals, templates, klaxon, original: this.text };
  }

  private list(field: YamlField | undefined, what: string): YamlNode[] {
    return field ? this.read.items(field.value, what) : [];
  }

  private receivers(field: YamlField | undefined): ReceiverConfig[] {
    const receivers: ReceiverConfig[] = [];
    const seen = new Set<string>();
    for (const node of this.list(field, '`receivers`')) {
      const receiver = readReceiver(this.read, node);
      if (!receiver) continue;
      if (seen.has(receiver.name.value)) this.read.error(`notification config name ${JSON.stringify(receiver.name.value)} is not unique`, receiver.name.range);
      seen.add(receiver.name.value);
      receivers.push(receiver);
    }
    return receivers;
  }

  /** `mute_time_intervals` first, then `time_intervals`, sharing one namespace as upstream checks them. */
  private timeIntervals(fields: Map<string, YamlField>): TimeIntervalConfig[] {
    const intervals: TimeIntervalConfig[] = [];
    const seen = new Set<string>();
    for (const [key, deprecated] of [['mute_time_intervals', true], ['time_intervals', false]] as const) {
      for (const node of this.list(fields.get(key), `\`${key}\``)) {
        const interval = readTimeInterval(this.read, node, deprecated);
        if (!interval) continue;
        if (seen.has(interval.name.value)) {
          this.read.error(`${deprecated ? 'mute time interval' : 'time interval'} ${JSON.stringify(interval.name.value)} is not unique`, interval.name.range);
        }
        seen.add(interval.name.value);
        intervals.push(interval);
      }
    }
    const mute = fields.get('mute_time_intervals');
    if (mute && !isNull(mute.value)) this.read.warn('`mute_time_intervals` is deprecated: use `time_intervals`', mute.key.range, 'info');
    return intervals;
  }

  /** The root route, with the rules that only the root has. */
  private route(field: YamlField | undefined, fileHead: TextRange): RouteConfig | undefined {
    if (!field || isNull(field.value)) {
      this.read.error('no route provided in config', field?.key.range ?? fileHead);
      return undefined;
    }
    const route = readRoute(this.read, field.value);
    if (!route) return undefined;
    const keys = field.value.kind === 'map' ? field.value.pairs.map((p) => p.key) : [];
    const at = (...names: string[]) => keys.find((k) => k.kind === 'scalar' && names.includes(k.text))?.range ?? field.key.range;
    if (route.continue) this.read.error('cannot have continue in root route', at('continue'));
    if (!route.receiver?.value) this.read.error('root route must specify a default receiver', route.receiver?.range ?? field.key.range);
    if (route.matchers.length > 0) this.read.error('root route must not have any matchers', at('match', 'match_re', 'matchers'));
    if (route.muteTimeIntervals.length > 0) this.read.error('root route must not have any mute time intervals', at('mute_time_intervals'));
    if (route.activeTimeIntervals.length > 0) this.read.error('root route must not have any active time intervals', at('active_time_intervals'));
    return route;
  }

  private checkReferences(root: RouteConfig, receivers: readonly ReceiverConfig[], intervals: readonly TimeIntervalConfig[]): void {
    const receiverNames = new Set(receivers.map((r) => r.name.value));
    const intervalNames = new Set(intervals.map((i) => i.name.value));
    const visit = (route: RouteConfig) => {
      route.routes.forEach(visit);
      const receiver = route.receiver;
      if (receiver && receiver.value !== '' && !receiverNames.has(receiver.value)) {
        this.read.error(`undefined receiver ${JSON.stringify(receiver.value)} used in route`, receiver.range);
      }
      for (const name of [...route.activeTimeIntervals, ...route.muteTimeIntervals]) {
        if (!intervalNames.has(name.value)) this.read.error(`undefined time interval ${JSON.stringify(name.value)} used in route`, name.range);
      }
    };
    visit(root);
  }

  private templates(field: YamlField | undefined): Located<string>[] {
    if (!field) return [];
    return this.read.strings(field.value, '`templates`').map(({ value, node }) => {
      const error = globError(value);
      if (error) this.read.error(error, node.range);
      return { value, range: node.range };
    });
  }
}

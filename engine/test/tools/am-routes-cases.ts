/**
 * Generated Alertmanager configs for the routing agreement test: nested routes with `continue`,
 * `match`, `match_re` and `matchers` written in the forms Alertmanager 0.25 reads (quoted,
 * unquoted, in braces, several to a string), `group_by` and timers; and label sets drawn from
 * the same names and values so that the routes do match.
 */

/** A small seeded generator (mulberry32), so that a failure can be reproduced. */
export class Random {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  some<T>(items: readonly T[], max: number): T[] {
    const n = this.int(max + 1);
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < n && pool.length > 0; i++) out.push(pool.splice(this.int(pool.length), 1)[0]!);
    return out;
  }
}

const NAMES = ['env', 'team', 'severity', 'service', 'job', 'a1', 'a'];
/** Common values come first: labels draw mostly from them, so that routes match often. */
const COMMON_VALUES = ['prod', 'dev', 'db', 'web', '1', 'page'];
const VALUES = [...COMMON_VALUES, 'web-1', 'db-2', '2', '42', 'x y', 'Ünïcödé', 'q"uote', 'back\\slash'];
const REGEXES = ['prod|dev', 'd.*', '.*', 'web', '[0-9]+', '(db|web)-.*', '', '.+', 'x y', 'p(age|rod)', '[[:alpha:]]+', '(?i)PROD'];
const RECEIVERS = ['default', 'team-db', 'team-web', 'pager', 'slack', 'null'];
const DURATIONS = ['0s', '10s', '1m', '5m', '1h30m', '4h', '1d'];

/** A matcher string as 0.25's classic parser reads it. */
function matcherText(r: Random, name: string, type: string, value: string): string {
  const simple = /^[A-Za-z0-9|.*+()\-[\]:?]*$/.test(value) && value !== '';
  const quoted = `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const v = simple && r.chance(0.4) ? value : quoted;
  return r.chance(0.2) ? `${name} ${type} ${v}` : `${name}${type}${v}`;
}

function randomMatcher(r: Random): [string, string, string] {
  const name = r.pick(NAMES);
  const type = r.pick(['=', '=', '!=', '=~', '=~', '!~']);
  return [name, type, type.includes('~') ? r.pick(REGEXES) : r.pick(VALUES)];
}

const yamlString = (s: string) => JSON.stringify(s);

function routeLines(r: Random, depth: number, indent: string, isRoot: boolean, used: Set<string>): string[] {
  const lines: string[] = [];
  const add = (line: string) => lines.push(indent + line);
  if (isRoot || r.chance(0.6)) {
    const receiver = isRoot ? 'default' : r.pick(RECEIVERS);
    used.add(receiver);
    add(`receiver: ${yamlString(receiver)}`);
  }
  if (!isRoot) {
    if (r.chance(0.3)) {
      add('match:');
      for (const name of r.some(NAMES, 1)) lines.push(`${indent}  ${name}: ${yamlString(r.pick(VALUES))}`);
    }
    if (r.chance(0.25)) {
      add('match_re:');
      for (const name of r.some(NAMES, 1)) lines.push(`${indent}  ${name}: ${yamlString(r.pick(REGEXES))}`);
    }
    if (r.chance(0.5)) {
      add('matchers:');
      for (let i = r.int(2); i >= 0; i--) {
        const group = Array.from({ length: r.chance(0.25) ? 2 : 1 }, () => matcherText(r, ...randomMatcher(r)));
        const text = group.length > 1 || r.chance(0.15) ? `{${group.join(', ')}}` : group[0]!;
        lines.push(`${indent}  - ${r.chance(0.5) ? yamlString(text) : `'${text.replace(/'/g, "''")}'`}`);
      }
    }
    if (r.chance(0.5)) add(`continue: ${r.chance(0.8)}`);
  }
  if (r.chance(0.3)) add(`group_by: ${r.pick(["['...']", '[]', "['env']", "['team', 'severity']", "['a', 'a1']"])}`);
  if (r.chance(0.2)) add(`group_wait: ${r.pick(DURATIONS)}`);
  if (r.chance(0.2)) add(`group_interval: ${r.pick(DURATIONS.slice(1))}`);
  if (r.chance(0.2)) add(`repeat_interval: ${r.pick(DURATIONS.slice(1))}`);
  const children = depth >= 3 ? 0 : r.int(depth === 0 ? 5 : 4);
  if (children > 0) {
    add('routes:');
    for (let i = 0; i < children; i++) {
      const child = routeLines(r, depth + 1, `${indent}    `, false, used);
      if (child.length === 0) child.push(`${indent}    continue: false`);
      child[0] = `${indent}  - ${child[0]!.slice(indent.length + 4)}`;
      lines.push(...child);
    }
  }
  return lines;
}

export function generatedConfig(r: Random): string {
  const used = new Set<string>();
  const route = routeLines(r, 0, '  ', true, used);
  return [
    'route:',
    ...route,
    'receivers:',
    ...[...used].map((name) => `  - name: ${yamlString(name)}`),
    '',
  ].join('\n');
}

/** `name=value` arguments, as amtool takes them. */
export function generatedLabels(r: Random): string[] {
  return r.some(NAMES, 5).map((name) => {
    const value = r.chance(0.7) ? r.pick(COMMON_VALUES) : r.pick([...VALUES, '', 'other']);
    return `${name}=${/^[A-Za-z0-9-]*$/.test(value) && r.chance(0.5) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`}`;
  });
}

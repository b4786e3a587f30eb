import { describe, expect, it } from 'vitest';
import { Route } from '../../../src/alertmanager/routing/route.js';
import { DEFAULT_ROUTE_OPTS } from '../../../src/alertmanager/routing/route-opts.js';
import { Labels } from '../../../src/labels/labels.js';
import { routeConfig, type RouteSpec } from './route-spec.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** The tree of upstream's routing tests, with regex matchers written as `match_re` or `matchers`. */
function teamTree(regexSyntax: 'match_re' | 'matchers'): RouteSpec {
  const regex = (pairs: Record<string, string>): RouteSpec =>
    regexSyntax === 'match_re' ? { matchRe: pairs } : { matchers: Object.entries(pairs).map(([n, v]) => [n, '=~', v]) };
  return {
    receiver: 'notify-def',
    routes: [
      {
        ...(regexSyntax === 'match_re' ? { match: { owner: 'team-A' } } : { matchers: [['owner', '=', 'team-A'], ['level', '!=', 'critical']] }),
        receiver: 'notify-A',
        routes: [
          {
            ...(regexSyntax === 'match_re' ? { match: { env: 'testing' } } : { matchers: [['env', '=', 'testing'], ['baz', '!~', '.*quux']] }),
            receiver: 'notify-testing',
            groupBy: ['...'],
          },
          { match: { env: 'production' }, receiver: 'notify-productionA', groupWait: 1 * M, continue: true },
          {
            ...regex({ env: 'produ.*', job: '.*' }),
            receiver: 'notify-productionB',
            groupWait: 30 * S,
            groupInterval: 5 * M,
            repeatInterval: 1 * H,
            groupBy: ['job'],
          },
        ],
      },
      { ...regex({ owner: 'team-(B|C)' }), groupBy: ['foo', 'bar'], groupWait: 2 * M, receiver: 'notify-BC' },
      {
        match: { group_by: 'role' },
        groupBy: ['role'],
        routes: [{ match: { env: 'testing' }, receiver: 'notify-testing', routes: [{ match: { wait: 'long' }, groupWait: 2 * M }] }],
      },
    ],
  };
}

interface Expected {
  receiver: string;
  groupBy?: string[];
  groupByAll?: boolean;
  groupWait?: number;
  groupInterval?: number;
  repeatInterval?: number;
  key: string;
}

function matched(tree: Route, labels: Record<string, string>) {
  return tree.match(Labels.from(labels)).map((r) => ({
    receiver: r.opts.receiver,
    groupBy: [...r.opts.groupBy].sort(),
    groupByAll: r.opts.groupByAll,
    groupWait: r.opts.groupWait,
    groupInterval: r.opts.groupInterval,
    repeatInterval: r.opts.repeatInterval,
    key: r.key(),
  }));
}

function withDefaults(e: Expected) {
  return {
    receiver: e.receiver,
    groupBy: [...(e.groupBy ?? [])].sort(),
    groupByAll: e.groupByAll ?? false,
    groupWait: e.groupWait ?? 30 * S,
    groupInterval: e.groupInterval ?? 5 * M,
    repeatInterval: e.repeatInterval ?? 4 * H,
    key: e.key,
  };
}

const productionB = { receiver: 'notify-productionB', groupBy: ['job'], groupWait: 30 * S, groupInterval: 5 * M, repeatInterval: 1 * H };

const CASES: { syntax: 'match_re' | 'matchers'; labels: Record<string, string>; expected: Expected[] }[] = [
  { syntax: 'match_re', labels: { owner: 'team-A' }, expected: [{ receiver: 'notify-A', key: '{}/{owner="team-A"}' }] },
  { syntax: 'match_re', labels: { owner: 'team-A', env: 'unset' }, expected: [{ receiver: 'notify-A', key: '{}/{owner="team-A"}' }] },
  {
    syntax: 'match_re',
    labels: { owner: 'team-C' },
    expected: [{ receiver: 'notify-BC', groupBy: ['foo', 'bar'], groupWait: 2 * M, key: '{}/{owner=~"^(?:team-(B|C))$"}' }],
  },
  {
    syntax: 'match_re',
    labels: { owner: 'team-A', env: 'testing' },
    expected: [{ receiver: 'notify-testing', groupByAll: true, key: '{}/{owner="team-A"}/{env="testing"}' }],
  },
  {
    syntax: 'match_re',
    labels: { owner: 'team-A', env: 'production' },
    expected: [
      { receiver: 'notify-productionA', groupWait: 1 * M, key: '{}/{owner="team-A"}/{env="production"}' },
      { ...productionB, key: '{}/{owner="team-A"}/{env=~"^(?:produ.*)$",job=~"^(?:.*)$"}' },
    ],
  },
  { syntax: 'match_re', labels: { group_by: 'role' }, expected: [{ receiver: 'notify-def', groupBy: ['role'], key: '{}/{group_by="role"}' }] },
  {
    syntax: 'match_re',
    labels: { env: 'testing', group_by: 'role' },
    expected: [{ receiver: 'notify-testing', groupBy: ['role'], key: '{}/{group_by="role"}/{env="testing"}' }],
  },
  {
    syntax: 'match_re',
    labels: { env: 'testing', group_by: 'role', wait: 'long' },
    expected: [{ receiver: 'notify-testing', groupBy: ['role'], groupWait: 2 * M, key: '{}/{group_by="role"}/{env="testing"}/{wait="long"}' }],
  },
  { syntax: 'match_re', labels: { owner: 'team-Z' }, expected: [{ receiver: 'notify-def', key: '{}' }] },
  { syntax: 'matchers', labels: { owner: 'team-A' }, expected: [{ receiver: 'notify-A', key: '{}/{level!="critical",owner="team-A"}' }] },
  {
    syntax: 'matchers',
    labels: { owner: 'team-A', level: 'critical' },
    expected: [{ receiver: 'notify-def', key: '{}' }],
  },
  {
    syntax: 'matchers',
    labels: { owner: 'team-C' },
    expected: [{ receiver: 'notify-BC', groupBy: ['foo', 'bar'], groupWait: 2 * M, key: '{}/{owner=~"team-(B|C)"}' }],
  },
  {
    syntax: 'matchers',
    labels: { owner: 'team-A', env: 'testing' },
    expected: [{ receiver: 'notify-testing', groupByAll: true, key: '{}/{level!="critical",owner="team-A"}/{baz!~".*quux",env="testing"}' }],
  },
  {
    syntax: 'matchers',
    labels: { owner: 'team-A', env: 'testing', baz: 'aquux' },
    expected: [{ receiver: 'notify-A', key: '{}/{level!="critical",owner="team-A"}' }],
  },
  {
    syntax: 'matchers',
    labels: { owner: 'team-A', env: 'production' },
    expected: [
      { receiver: 'notify-productionA', groupWait: 1 * M, key: '{}/{level!="critical",owner="team-A"}/{env="production"}' },
      { ...productionB, key: '{}/{level!="critical",owner="team-A"}/{env=~"produ.*",job=~".*"}' },
    ],
  },
];

describe('Route.match', () => {
  it.each(CASES)('$syntax $labels', ({ syntax, labels, expected }) => {
    const tree = Route.fromConfig(routeConfig(teamTree(syntax)));
    expect(matched(tree, labels)).toEqual(expected.map(withDefaults));
  });

  it('matches nothing when the route itself does not match', () => {
    const tree = Route.fromConfig(routeConfig({ receiver: 'r', matchers: [['a', '=', 'b']] }));
    expect(tree.match(Labels.from({ a: 'c' }))).toEqual([]);
  });

  it('treats a missing label as the empty string', () => {
    const tree = Route.fromConfig(
      routeConfig({
        receiver: 'root',
        routes: [
          { matchers: [['team', '=', '']], receiver: 'no-team' },
          { matchers: [['team', '=~', 'a|']], receiver: 'a-or-none' },
        ],
      }),
    );
    expect(tree.match(Labels.from({ x: '1' })).map((r) => r.opts.receiver)).toEqual(['no-team']);
    expect(tree.match(Labels.from({ team: 'a' })).map((r) => r.opts.receiver)).toEqual(['a-or-none']);
  });

  it('goes on after a matching child with continue, and stops after the first without', () => {
    const tree = Route.fromConfig(
      routeConfig({
        receiver: 'root',
        routes: [
          { receiver: 'c1', continue: true },
          { receiver: 'skipped', matchers: [['a', '=', 'no']], continue: true },
          { receiver: 'c2', routes: [{ receiver: 'c2a', continue: true }, { receiver: 'c2b' }, { receiver: 'c2c' }] },
          { receiver: 'never' },
        ],
      }),
    );
    expect(tree.match(Labels.EMPTY).map((r) => r.opts.receiver)).toEqual(['c1', 'c2a', 'c2b']);
  });

  it('regex matchers are anchored and do not let . match a newline', () => {
    const tree = Route.fromConfig(routeConfig({ receiver: 'root', routes: [{ matchers: [['a', '=~', 'x.*']], receiver: 'x' }] }));
    expect(tree.match(Labels.from({ a: 'xyz' }))[0]!.opts.receiver).toBe('x');
    expect(tree.match(Labels.from({ a: 'axyz' }))[0]!.opts.receiver).toBe('root');
    expect(tree.match(Labels.from({ a: 'x\ny' }))[0]!.opts.receiver).toBe('root');
  });
});

describe('Route options', () => {
  it('walks depth-first, parents first, children inheriting the receiver', () => {
    const receivers: string[] = [];
    Route.fromConfig(routeConfig(teamTree('match_re'))).walk((r) => receivers.push(r.opts.receiver));
    expect(receivers).toEqual([
      'notify-def',
      'notify-A',
      'notify-testing',
      'notify-productionA',
      'notify-productionB',
      'notify-BC',
      'notify-def',
      'notify-testing',
      'notify-testing',
    ]);
  });

  it('the root starts from the defaults', () => {
    const root = Route.fromConfig(routeConfig({ receiver: 'r' }));
    expect(root.opts).toEqual({ ...DEFAULT_ROUTE_OPTS, receiver: 'r' });
    expect(root.opts).toMatchObject({ groupWait: 30_000, groupInterval: 300_000, repeatInterval: 14_400_000, groupBy: [], groupByAll: false });
  });

  it('inherits group_by ... until a child sets its own list', () => {
    const tree = Route.fromConfig(
      routeConfig({
        receiver: 'r',
        routes: [{ match: { env: 'parent' }, groupBy: ['...'], routes: [{ match: { env: 'child1' } }, { match: { env: 'child2' }, groupBy: ['foo'] }] }],
      }),
    );
    const parent = tree.routes[0]!;
    expect([parent.opts.groupByAll, parent.routes[0]!.opts.groupByAll, parent.routes[1]!.opts.groupByAll]).toEqual([true, true, false]);
    expect(parent.routes[1]!.opts.groupBy).toEqual(['foo']);
  });

  it('an explicit empty group_by replaces the inherited one', () => {
    const tree = Route.fromConfig(routeConfig({ receiver: 'r', groupBy: ['a'], routes: [{ groupBy: [] }, {}] }));
    expect(tree.routes[0]!.opts.groupBy).toEqual([]);
    expect(tree.routes[1]!.opts.groupBy).toEqual(['a']);
  });

  it('inherits timers and receiver but not mute or active time intervals', () => {
    const tree = Route.fromConfig(
      routeConfig({
        receiver: 'r',
        routes: [
          {
            receiver: 'p',
            groupWait: 1 * S,
            groupInterval: 2 * M,
            repeatInterval: 3 * H,
            muteTimeIntervals: ['nights'],
            activeTimeIntervals: ['weekdays'],
            routes: [{ matchers: [['a', '=', 'b']] }],
          },
        ],
      }),
    );
    const parent = tree.routes[0]!;
    const child = parent.routes[0]!;
    expect(parent.opts).toMatchObject({ muteTimeIntervals: ['nights'], activeTimeIntervals: ['weekdays'] });
    expect(child.opts).toEqual({
      receiver: 'p',
      groupBy: [],
      groupByAll: false,
      groupWait: 1 * S,
      groupInterval: 2 * M,
      repeatInterval: 3 * H,
      muteTimeIntervals: [],
      activeTimeIntervals: [],
    });
  });
});

describe('Route.key and Route.id', () => {
  it('sorts matchers by name, then value, then type', () => {
    const tree = Route.fromConfig(
      routeConfig({
        receiver: 'r',
        routes: [
          {
            matchers: [
              ['b', '!~', 'x'],
              ['b', '=~', 'x'],
              ['b', '!=', 'x'],
              ['b', '=', 'x'],
              ['a', '=', 'z'],
              ['b', '=', 'w'],
            ],
          },
        ],
      }),
    );
    expect(tree.routes[0]!.key()).toBe('{}/{a="z",b="w",b="x",b!="x",b=~"x",b!~"x"}');
  });

  it('escapes values as OpenMetrics does', () => {
    const tree = Route.fromConfig(routeConfig({ receiver: 'r', routes: [{ matchers: [['a', '=', 'q"\\\n']] }] }));
    expect(tree.routes[0]!.key()).toBe('{}/{a="q\\"\\\\\\n"}');
  });

  it('IDs add each route\'s position so that equal keys differ', () => {
    const tree = Route.fromConfig(
      routeConfig({
        receiver: 'default',
        routes: [
          { continue: true, matchers: [['foo', '=', 'bar']], receiver: 'test1', routes: [{ matchers: [['bar', '=', 'baz']] }] },
          { continue: true, matchers: [['foo', '=', 'bar']], receiver: 'test1', routes: [{ matchers: [['bar', '=', 'baz']] }] },
          { continue: true, matchers: [['foo', '=', 'bar']], receiver: 'test2', routes: [{ matchers: [['bar', '=', 'baz']] }] },
          {
            continue: true,
            matchers: [['bar', '=', 'baz']],
            receiver: 'test3',
            routes: [{ matchers: [['baz', '=', 'qux']] }, { matchers: [['qux', '=', 'corge']] }],
          },
          { continue: true, matchers: [['qux', '=~', '[a-zA-Z0-9]+']] },
          { continue: true, matchers: [['corge', '!~', '[0-9]+']] },
        ],
      }),
    );
    const ids: string[] = [];
    tree.walk((r) => ids.push(r.id()));
    expect(ids).toEqual([
      '{}',
      '{}/{foo="bar"}/0',
      '{}/{foo="bar"}/0/{bar="baz"}/0',
      '{}/{foo="bar"}/1',
      '{}/{foo="bar"}/1/{bar="baz"}/0',
      '{}/{foo="bar"}/2',
      '{}/{foo="bar"}/2/{bar="baz"}/0',
      '{}/{bar="baz"}/3',
      '{}/{bar="baz"}/3/{baz="qux"}/0',
      '{}/{bar="baz"}/3/{qux="corge"}/1',
      '{}/{qux=~"[a-zA-Z0-9]+"}/4',
      '{}/{corge!~"[0-9]+"}/5',
    ]);
    expect(tree.routes[0]!.key()).toBe(tree.routes[1]!.key());
  });
});

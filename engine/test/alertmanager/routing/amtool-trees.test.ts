import { describe, expect, it } from 'vitest';
import { formatMatchingTree, formatRoutingTree } from '../../../src/alertmanager/routing/amtool-trees.js';
import { Route } from '../../../src/alertmanager/routing/route.js';
import { renderTextTree } from '../../../src/alertmanager/routing/text-tree.js';
import { Labels } from '../../../src/labels/labels.js';
import { routeConfig } from './route-spec.js';
import { TWO_ROUTES_TREE } from './two-routes-tree.js';

const leaf = (text: string) => ({ text, children: [] });

describe('renderTextTree', () => {
  it('draws guides under nodes that have later siblings only', () => {
    const tree = renderTextTree('.', [
      { text: 'a', children: [{ text: 'b', children: [leaf('c')] }, leaf('d')] },
      { text: 'e', children: [leaf('f'), leaf('g')] },
    ]);
    const guide = '│\u00a0\u00a0 ';
    expect(tree).toBe(['.', '├── a', `${guide}├── b`, `${guide}${guide}└── c`, `${guide}└── d`, '└── e', '    ├── f', '    └── g', ''].join('\n'));
  });

  it('prints a multi-line text as it is, as Debian\'s amtool does', () => {
    const tree = renderTextTree('.', [{ text: 'a', children: [leaf('one\ntwo'), leaf('three')] }]);
    expect(tree).toBe(['.', '└── a', '    ├── one', 'two', '    └── three', ''].join('\n'));
  });
});

/** The routes that TWO_ROUTES_TREE shows. */
const tree = Route.fromConfig(
  routeConfig({
    receiver: 'default',
    routes: [
      { matchRe: { test: '^[12]$' }, receiver: 'test1', continue: true },
      { match: { test: '2' }, receiver: 'test2' },
    ],
  }),
);

describe('amtool trees', () => {
  it('shows every route with continue and receiver', () => {
    expect(formatRoutingTree(tree)).toBe(TWO_ROUTES_TREE);
  });

  it('shows the path of an alert, receivers only where it ends', () => {
    expect(formatMatchingTree(tree, Labels.from({ test: '2' }))).toBe(
      [
        'Matching routes:',
        '.',
        '└── default-route',
        '    ├── {test=~"^(?:^[12]$)$"}  receiver: test1',
        '    └── {test="2"}  receiver: test2',
        '',
        '',
        '',
      ].join('\n'),
    );
    expect(formatMatchingTree(tree, Labels.from({ test: '3' }))).toBe(['Matching routes:', '.', '└── default-route  receiver: default', '', '', ''].join('\n'));
  });

  it('names a non-root route without matchers default-route too', () => {
    const t = Route.fromConfig(routeConfig({ receiver: 'r', routes: [{ receiver: 'x', continue: true }] }));
    expect(formatRoutingTree(t)).toContain('    └── default-route  continue: true  receiver: x\n');
  });
});

/**
 * The routing trees `amtool config routes show` and `amtool config routes test --tree` print
 * (Alertmanager 0.25 cli/routing.go): each route as its matchers, or `default-route` when it has
 * none, with `continue: true` and `receiver: NAME` after two spaces where amtool shows them.
 */
import type { Labels } from '../../labels/labels.js';
import { formatMatchers } from '../matchers/format-matchers.js';
import type { Route } from './route.js';
import { renderTextTree, type TextTreeNode } from './text-tree.js';

const SEPARATOR = '  ';

function routeText(route: Route, show: { continue: boolean; receiver: boolean }): string {
  let text = route.matchers.length === 0 ? 'default-route' : formatMatchers(route.matchers);
  if (show.continue && route.continue) text += `${SEPARATOR}continue: true`;
  if (show.receiver) text += `${SEPARATOR}receiver: ${route.opts.receiver}`;
  return text;
}

/** The whole tree, every route with its receiver: `amtool config routes show`. */
export function formatRoutingTree(root: Route): string {
  const node = (route: Route): TextTreeNode => ({
    text: routeText(route, { continue: true, receiver: true }),
    children: route.routes.map(node),
  });
  return `Routing tree:\n${renderTextTree('.', [node(root)])}\n`;
}

/** The path an alert takes, receivers on the routes it ends at: `amtool config routes test --tree`. */
export function formatMatchingTree(root: Route, labels: Labels): string {
  const node = (route: Route): TextTreeNode => {
    const children: TextTreeNode[] = [];
    for (const child of route.routes) {
      if (!child.matchesOwn(labels)) continue;
      children.push(node(child));
      if (!child.continue) break;
    }
    return { text: routeText(route, { continue: false, receiver: children.length === 0 }), children };
  };
  return `Matching routes:\n${renderTextTree('.', [node(root)])}\n\n`;
}

/**
 * The routing tree (Alertmanager's dispatch.Route): options inherited down the tree, matchers
 * sorted, depth-first matching with `continue`, and the key and ID strings that group keys and
 * the API carry.
 */
import { compareStrings, LABEL_KEY_SEPARATOR, type Labels } from '../../labels/labels.js';
import type { Matcher, MatchType } from '../../labels/matcher.js';
import { compareGoStrings } from '../../text/utf8.js';
import type { RouteConfig } from '../config/types.js';
import { formatMatchers } from '../matchers/format-matchers.js';
import { formatGroupLabels } from './group-labels.js';
import { resolveRouteOpts, type RouteOpts } from './route-opts.js';

export class Route {
  readonly opts: RouteOpts;
  /** Sorted by name, then value, then type, as upstream sorts them. */
  readonly matchers: readonly Matcher[];
  /** Whether matching goes on to the next sibling after this route matched. */
  readonly continue: boolean;
  readonly routes: readonly Route[];
  private readonly groupBySet: ReadonlySet<string>;
  /** group_by's names, sorted and distinct. */
  private readonly groupByNames: readonly string[];
  private cachedKey: string | undefined;
  private cachedId: string | undefined;

  private constructor(
    /** The route as written, with its place in the file. */
    readonly config: RouteConfig,
    readonly parent: Route | undefined,
    /** Position among the parent's routes; 0 at the root. */
    readonly index: number,
  ) {
    this.opts = resolveRouteOpts(config, parent?.opts);
    this.matchers = [...config.matchers].sort(compareMatchers);
    this.continue = config.continue;
    this.groupBySet = new Set(this.opts.groupBy);
    this.groupByNames = [...this.groupBySet].sort(compareStrings);
    this.routes = config.routes.map((child, i) => new Route(child, this, i));
  }

  /** Builds the tree under a config's root route. */
  static fromConfig(root: RouteConfig): Route {
    return new Route(root, undefined, 0);
  }

  /** Whether this route's own matchers accept the labels; a missing label counts as "". */
  matchesOwn(labels: Labels): boolean {
    for (const matcher of this.matchers) if (!matcher.matches(labels.get(matcher.name))) return false;
    return true;
  }

  /**
   * The routes an alert with these labels goes to, in tree order: the deepest matching routes,
   * taking at each level the first matching child and, after a child with `continue`, the next
   * ones too; a route none of whose children match is itself the match. Empty when this route
   * does not match.
   */
  match(labels: Labels): Route[] {
    const found: Route[] = [];
    this.collectMatches(labels, found);
    return found;
  }

  /** Adds to `found` the routes this one sends the labels to; false when it does not match them. */
  private collectMatches(labels: Labels, found: Route[]): boolean {
    if (!this.matchesOwn(labels)) return false;
    const before = found.length;
    for (const child of this.routes) {
      if (child.collectMatches(labels, found) && !child.continue) break;
    }
    if (found.length === before) found.push(this);
    return true;
  }

  /** Upstream's Route.Key(): the matchers of the path from the root, `{}/{a="b"}`; not unique. */
  key(): string {
    this.cachedKey ??= (this.parent ? `${this.parent.key()}/` : '') + formatMatchers(this.matchers);
    return this.cachedKey;
  }

  /** Upstream's Route.ID(): like the key, with each route's position among its siblings; unique. */
  id(): string {
    this.cachedId ??= this.parent
      ? `${this.parent.id()}/${formatMatchers(this.matchers)}/${this.index}`
      : formatMatchers(this.matchers);
    return this.cachedId;
  }

  /** Visits this route and its descendants depth-first, parents before children. */
  walk(visit: (route: Route) => void): void {
    visit(this);
    for (const child of this.routes) child.walk(visit);
  }

  /** The labels that decide an alert's aggregation group on this route. */
  groupLabels(labels: Labels): Labels {
    return this.opts.groupByAll ? labels : labels.keepOnly(this.groupBySet);
  }

  /** A string equal for two label sets exactly when their group labels are, made without building them. */
  groupLabelsKey(labels: Labels): string {
    if (this.opts.groupByAll) return labels.key();
    let key = '';
    for (const name of this.groupByNames) {
      const value = labels.get(name);
      if (value !== '') key += name + LABEL_KEY_SEPARATOR + value + LABEL_KEY_SEPARATOR;
    }
    return key;
  }

  /** The group key of the aggregation group with these group labels: `routeKey:{a="x", b="y"}`. */
  groupKey(groupLabels: Labels): string {
    return `${this.key()}:${formatGroupLabels(groupLabels)}`;
  }
}

const MATCH_TYPE_ORDER: Record<MatchType, number> = { '=': 0, '!=': 1, '=~': 2, '!~': 3 };

function compareMatchers(a: Matcher, b: Matcher): number {
  return (
    compareGoStrings(a.name, b.name) ||
    compareGoStrings(a.value, b.value) ||
    MATCH_TYPE_ORDER[a.type] - MATCH_TYPE_ORDER[b.type]
  );
}

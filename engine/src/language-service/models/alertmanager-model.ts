/**
 * An Alertmanager configuration in the editor: the loader's problems, the template files its
 * `templates` name, deprecated `match`/`match_re` keys, and the matchers and templates embedded
 * in its strings.
 */
import { problem, type Problem } from '../../errors.js';
import { loadAlertmanagerConfig, type LoadedAlertmanagerConfig } from '../../alertmanager/config/load-config.js';
import { checkTemplateFiles } from '../../alertmanager/config/template-files.js';
import { readYamlTree, type YamlTree } from '../../yaml/read-tree.js';
import type { YamlPair } from '../../yaml/tree.js';
import type { SourceDocument } from '../documents/source-document.js';
import { LazyModel } from './lazy-model.js';
import { uriToPath } from '../documents/uri-path.js';
import { embeddedNode, type EmbeddedText } from '../embedded/embedded-text.js';
import { forEachScalar, itemsOf, keyText, pairOf, valueOf, type YamlPathStep } from '../yaml/tree-access.js';

export const DEPRECATED_MATCH_SOURCE = 'deprecated-match';

/** The deprecated matcher keys and the list that replaces each. */
export const DEPRECATED_MATCH_KEYS: Readonly<Record<string, { replacement: string; regex: boolean }>> = {
  match: { replacement: 'matchers', regex: false },
  match_re: { replacement: 'matchers', regex: true },
  source_match: { replacement: 'source_matchers', regex: false },
  source_match_re: { replacement: 'source_matchers', regex: true },
  target_match: { replacement: 'target_matchers', regex: false },
  target_match_re: { replacement: 'target_matchers', regex: true },
};

const MATCHER_LISTS = new Set(['matchers', 'source_matchers', 'target_matchers']);

export class AlertmanagerModel extends LazyModel {
  readonly kind = 'alertmanager';
  readonly loaded: LoadedAlertmanagerConfig;
  readonly tree: YamlTree;

  constructor(readonly doc: SourceDocument) {
    super();
    this.loaded = loadAlertmanagerConfig(doc.text, doc.uri);
    this.tree = readYamlTree(doc.text, 'yaml.v2');
  }

  protected findProblems(): Problem[] {
    const problems: Problem[] = this.loaded.problems.map(({ file: _file, ...p }) => p);
    const path = uriToPath(this.doc.uri);
    if (this.loaded.config && path !== undefined) problems.push(...checkTemplateFiles(this.loaded.config, path).map(({ file: _file, ...p }) => p));
    for (const pair of this.deprecatedMatchPairs()) {
      const key = keyText(pair)!;
      problems.push(problem(`\`${key}\` is deprecated: use \`${DEPRECATED_MATCH_KEYS[key]!.replacement}\``, pair.key.range, DEPRECATED_MATCH_SOURCE, 'info'));
    }
    return problems;
  }

  /** Every `match`/`match_re` (and source/target) pair of the routes and inhibit rules. */
  deprecatedMatchPairs(): YamlPair[] {
    const found: YamlPair[] = [];
    const collect = (node: Parameters<typeof pairOf>[0]) => {
      for (const key of Object.keys(DEPRECATED_MATCH_KEYS)) {
        const pair = pairOf(node, key);
        if (pair) found.push(pair);
      }
    };
    const visitRoute = (route: Parameters<typeof pairOf>[0]) => {
      collect(route);
      for (const child of itemsOf(valueOf(route, 'routes'))) visitRoute(child);
    };
    visitRoute(valueOf(this.tree.root, 'route'));
    for (const rule of itemsOf(valueOf(this.tree.root, 'inhibit_rules'))) collect(rule);
    return found;
  }

  /** Matcher strings and templates in the file. */
  protected findEmbedded(): EmbeddedText[] {
    const found: EmbeddedText[] = [];
    forEachScalar(this.tree.root, (scalar, path) => {
      const language = embeddedLanguageAt(path, scalar.text);
      if (language) found.push(embeddedNode(language, scalar, this.doc.text));
    });
    return found;
  }
}

function embeddedLanguageAt(path: readonly YamlPathStep[], text: string): 'matchers' | 'template' | undefined {
  const parent = path[path.length - 2];
  if (typeof path[path.length - 1] === 'number' && typeof parent === 'string' && MATCHER_LISTS.has(parent)) return 'matchers';
  if (text.includes('{{') && (path[0] === 'receivers' || path[0] === 'enrichment')) return 'template';
  return undefined;
}

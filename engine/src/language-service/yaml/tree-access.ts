/** Reading the located YAML tree: fields by name, and every scalar with its path. */
import type { YamlNode, YamlPair, YamlScalar } from '../../yaml/tree.js';

export type YamlPathStep = string | number;

export function pairOf(node: YamlNode | undefined, key: string): YamlPair | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.pairs.find((p) => p.key.kind === 'scalar' && p.key.text === key);
}

export function valueOf(node: YamlNode | undefined, key: string): YamlNode | undefined {
  return pairOf(node, key)?.value;
}

export function itemsOf(node: YamlNode | undefined): YamlNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

export function keyText(pair: YamlPair): string | undefined {
  return pair.key.kind === 'scalar' ? pair.key.text : undefined;
}

/** Calls `visit` for every scalar value (not keys) with the keys and indexes that lead to it. */
export function forEachScalar(node: YamlNode | undefined, visit: (scalar: YamlScalar, path: readonly YamlPathStep[]) => void, path: YamlPathStep[] = []): void {
  if (!node) return;
  if (node.kind === 'scalar') visit(node, path);
  else if (node.kind === 'seq') node.items.forEach((item, i) => forEachScalar(item, visit, [...path, i]));
  else for (const pair of node.pairs) forEachScalar(pair.value, visit, [...path, keyText(pair) ?? '?']);
}

/** Whether a path's keys (numbers stand for any list item, `*` for any key) end with `pattern`. */
export function pathEndsWith(path: readonly YamlPathStep[], pattern: readonly (string | '#')[]): boolean {
  if (pattern.length > path.length) return false;
  const offset = path.length - pattern.length;
  return pattern.every((step, i) => {
    const actual = path[offset + i];
    return step === '#' ? typeof actual === 'number' : step === '*' || step === actual;
  });
}

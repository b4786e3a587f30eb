/** Reads a YAML file into the tree model: the fast reader when it can, the `yaml` package otherwise. */
import { readFast } from './fast-reader.js';
import { readWithYamlPackage, type YamlTree } from './from-yaml-package.js';

export type { YamlTree };

export function readYamlTree(text: string): YamlTree {
  return readFast(text) ?? readWithYamlPackage(text);
}

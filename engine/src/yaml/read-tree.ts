/** Reads a YAML file into the tree model: the fast reader when it can, the `yaml` package otherwise. */
import { readFast } from './fast-reader.js';
import { readWithYamlPackage, type YamlTree } from './from-yaml-package.js';
import type { GoYaml } from './go-tags.js';

export type { GoYaml, YamlTree };

/** `goYaml` is the Go package that reads this kind of file where Prometheus or Alertmanager reads it (see go-tags.ts). */
export function readYamlTree(text: string, goYaml: GoYaml): YamlTree {
  return readFast(text) ?? readWithYamlPackage(text, goYaml);
}

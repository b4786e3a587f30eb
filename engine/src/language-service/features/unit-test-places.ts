/** Places in a unit-test file's tree: the alert_rule_test item around an offset, and its parts. */
import type { TextRange } from '../../promql/ast.js';
import type { YamlNode, YamlScalar } from '../../yaml/tree.js';
import type { UnitTestModel } from '../models/unit-test-model.js';
import { itemsOf, valueOf } from '../yaml/tree-access.js';

export interface AlertTestPlace {
  alertname: string;
  /** The `alertname` value. */
  nameNode: YamlScalar;
  item: YamlNode;
  /** Where a hover over the item shows. */
  range: TextRange;
}

/** The alert_rule_test item whose range holds the offset, when it names an alert. */
export function alertTestAt(model: UnitTestModel, offset: number): AlertTestPlace | undefined {
  return alertTests(model).find((t) => t.item.range.start <= offset && offset <= t.item.range.end);
}

export function alertTests(model: UnitTestModel): AlertTestPlace[] {
  const found: AlertTestPlace[] = [];
  for (const test of itemsOf(valueOf(model.tree.root, 'tests'))) {
    for (const item of itemsOf(valueOf(test, 'alert_rule_test'))) {
      const name = valueOf(item, 'alertname');
      if (name?.kind !== 'scalar' || name.text === '') continue;
      found.push({ alertname: name.text, nameNode: name, item, range: name.range });
    }
  }
  return found;
}

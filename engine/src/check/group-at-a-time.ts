/**
 * Loading a rule file in its plain shape (`groups:` and a block list of groups) a group at a time:
 * each group's YAML is read on its own, loaded, and handed on, so that its trees are done with
 * while they are young, which V8's garbage collector makes cheap. The result is loadRuleFile's.
 */
import { loadGroupByGroup, type LoadedRuleFile, type RuleFileOptions } from '../rules/load-rule-file.js';
import type { RuleGroup } from '../rules/rule.js';
import { fastReadable, readFastItems } from '../yaml/fast-reader.js';
import { groupLineStarts } from './rule-file-split.js';

/**
 * Loads a file in the plain shape of rule files group by group, each group's YAML read on its own,
 * and hands each group to `onGroup` once it is loaded; undefined (`onGroup` may have seen some
 * groups) when the file is not in that shape or the fast YAML reader declines a part of it: the
 * file must then be loaded whole.
 */
export function loadGroupAtATime(text: string, file: string, options: RuleFileOptions, onGroup: (group: RuleGroup) => void): LoadedRuleFile | undefined {
  const starts = groupLineStarts(text);
  if (!starts || !fastReadable(text.slice(0, starts[0]))) return undefined;
  try {
    const loader = loadGroupByGroup(text, file, options);
    for (let i = 0; i < starts.length; i++) {
      const items = readFastItems(text, starts[i]!, starts[i + 1] ?? text.length);
      if (items?.length !== 1) return undefined;
      const group = loader.group(items[0]!);
      if (group) onGroup(group);
    }
    return loader.finish();
  } catch {
    // loadRuleFile reports it.
    return undefined;
  }
}

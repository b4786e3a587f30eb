/**
 * `klaxon check` without the command line: loads each file as the kind its content says, runs
 * the lints over every rule file (those a unit-test file names included) and gathers the problems
 * of each file, sorted by position. check-in-parallel.ts does the same on several threads.
 */
import type { FileProblem } from '../file-problem.js';
import type { CheckConfig } from './check-config.js';
import { gatherFiles, type CheckedFile, type CheckInput, type ReadFile } from './gather-files.js';
import { checkAcrossFiles, checkRuleFileShard, type ShardedFile } from './rule-file-shard.js';
import { EVERY_RULE } from './rule-file-split.js';

export type { CheckedFile, CheckInput, ReadFile };

export function checkFiles(inputs: readonly CheckInput[], config: CheckConfig, readFile: ReadFile): CheckedFile[] {
  const { checked, ruleFiles } = gatherFiles(inputs, readFile);
  const sharded = checkRuleFileShard(ruleFiles.map(({ file, text }) => ({ file, text, rules: EVERY_RULE })), config, true);
  return finish(checked, ruleFiles, sharded, config);
}

/** Adds the rule files' problems to their entries, runs the lints across files, sorts. */
export function finish(checked: CheckedFile[], ruleFiles: readonly CheckedFile[], sharded: readonly ShardedFile[], config: CheckConfig): CheckedFile[] {
  checkAcrossFiles(sharded, config);
  ruleFiles.forEach((file, i) => file.problems.push(...sharded[i]!.problems));
  for (const file of checked) file.problems.sort(byPosition);
  return checked;
}

/** By position; ties by check and message, so that the order does not depend on how the work was split. */
function byPosition(a: FileProblem, b: FileProblem): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || compare(a.source, b.source) || compare(a.message, b.message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

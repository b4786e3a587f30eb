import { describe, expect, it } from 'vitest';
import { generateRuleFile } from '../../bench/check.mjs';
import { DEFAULT_CHECK_CONFIG } from '../../src/check/check-config.js';
import { checkFiles } from '../../src/check/check-files.js';
import { checkFilesInParallel, type ShardRunner } from '../../src/check/check-in-parallel.js';
import { checkRuleFileShard } from '../../src/check/rule-file-shard.js';

/** Runs shards in this thread, through a structured clone as a worker would receive them. */
const inProcess: ShardRunner = async (job) => checkRuleFileShard(structuredClone(job.files), structuredClone(job.config), job.shard).map((f) => f.problems);

describe('checkFilesInParallel', () => {
  it('finds exactly what one thread finds, however many shards', async () => {
    const broken = generateRuleFile(300, 9)
      .replace('expr: "', 'expr: "sum(')
      .replace(/annotations:\n {10}summary: "\{\{ \$labels.job \}\}/, 'annotations:\n          summary: "{{ $labels.job ')
      .replace('for: 5m', 'for: 5')
      .replace('severity: warning', 'severity: blocker');
    const files = [
      { file: 'a.yml', text: broken },
      { file: 'b.yml', text: generateRuleFile(100, 9) },
    ];
    const read = () => '';
    const single = checkFiles(files, DEFAULT_CHECK_CONFIG, read);
    expect(single.flatMap((f) => f.problems).filter((p) => p.severity === 'error').length).toBeGreaterThanOrEqual(3);
    expect(single[1]!.problems.some((p) => p.source === 'duplicate-rule')).toBe(true);
    for (const threads of [2, 3]) {
      expect(await checkFilesInParallel(files, DEFAULT_CHECK_CONFIG, read, threads, inProcess)).toEqual(single);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { generateRuleFile } from '../../bench/check.mjs';
import { DEFAULT_CHECK_CONFIG } from '../../src/check/check-config.js';
import { checkFiles } from '../../src/check/check-files.js';
import { checkFilesInParallel, checkShardJob, type ShardJob, type ShardRunner } from '../../src/check/check-in-parallel.js';

/** Runs shards in this thread, through a structured clone as a worker would receive them; records the jobs. */
function inProcess(jobs: ShardJob[] = []): ShardRunner {
  return async (job) => {
    jobs.push(job);
    return checkShardJob(structuredClone(job));
  };
}

const broken = generateRuleFile(300, 9)
  .replace('expr: "', 'expr: "sum(')
  .replace(/annotations:\n {10}summary: "\{\{ \$labels.job \}\}/, 'annotations:\n          summary: "{{ $labels.job ')
  .replace('for: 5m', 'for: 5')
  .replace('severity: warning', 'severity: blocker')
  .replace(/expr: "up\{job="(\w+)"\} == 0"/g, 'expr: "up{job=\\"$1\\"} == bool 0 or )"');
const files = [
  { file: 'a.yml', text: broken },
  { file: 'b.yml', text: generateRuleFile(100, 9) },
  // Tabs: the fast YAML reader declines the file, so the main thread checks the workers' share itself.
  { file: 'c.yml', text: generateRuleFile(200, 4).replace('        for: 1m\n', '        for:\t1m\n') },
];
const read = () => '';
const single = checkFiles(files, DEFAULT_CHECK_CONFIG, read);

describe('checkFilesInParallel', () => {
  it('finds exactly what one thread finds, however many threads', async () => {
    expect(single.flatMap((f) => f.problems).filter((p) => p.severity === 'error').length).toBeGreaterThanOrEqual(3);
    expect(single[1]!.problems.some((p) => p.source === 'duplicate-rule')).toBe(true);
    for (const threads of [2, 3, 5]) {
      const jobs: ShardJob[] = [];
      expect(await checkFilesInParallel(files, DEFAULT_CHECK_CONFIG, read, { threads, runShard: inProcess(jobs), minBytesPerThread: 1000 })).toEqual(single);
      expect(jobs.length).toBe(threads - 1);
    }
  });

  it('checks a failed worker\'s share itself', async () => {
    const failing: ShardRunner = async () => {
      throw new Error('no worker');
    };
    expect(await checkFilesInParallel(files, DEFAULT_CHECK_CONFIG, read, { threads: 2, runShard: failing, minBytesPerThread: 1000 })).toEqual(single);
  });

  it('uses one thread for small inputs', async () => {
    const jobs: ShardJob[] = [];
    expect(await checkFilesInParallel(files, DEFAULT_CHECK_CONFIG, read, { threads: 4, runShard: inProcess(jobs) })).toEqual(single);
    expect(jobs).toEqual([]);
  });
});

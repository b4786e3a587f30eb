/**
 * `checkFiles` on several threads: the rules of the rule files are dealt to shards; worker
 * threads check shards 1..n-1 while this thread checks shard 0 and the files' structure. The
 * result is the same as checkFiles's.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { FileProblem } from '../file-problem.js';
import type { CheckConfig } from './check-config.js';
import { finish } from './check-files.js';
import { gatherFiles, type CheckedFile, type CheckInput, type ReadFile } from './gather-files.js';
import { checkRuleFileShard, type Shard } from './rule-file-shard.js';

export interface ShardJob {
  files: CheckInput[];
  config: CheckConfig;
  shard: Shard;
}

/** Checks one shard somewhere; resolves to its problems, per file in job order. */
export type ShardRunner = (job: ShardJob) => Promise<FileProblem[][]>;

/** Runs a shard on a worker thread (check-worker.ts). */
export const runShardOnWorker: ShardRunner = (job) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./check-worker.js', import.meta.url), { workerData: job });
    worker.once('message', (problems: FileProblem[][]) => resolve(problems));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`check worker exited with status ${code}`));
    });
  });

/** The work of a worker thread (check-worker.ts): checks the shard of its workerData, posts the problems. */
export function checkShardForParent(): void {
  const job = workerData as ShardJob;
  parentPort!.postMessage(checkRuleFileShard(job.files, job.config, job.shard).map((f) => f.problems));
}

export async function checkFilesInParallel(
  inputs: readonly CheckInput[],
  config: CheckConfig,
  readFile: ReadFile,
  threads: number,
  runShard: ShardRunner = runShardOnWorker,
): Promise<CheckedFile[]> {
  const { checked, ruleFiles } = gatherFiles(inputs, readFile);
  const files = ruleFiles.map(({ file, text }) => ({ file, text }));
  const count = Math.max(1, Math.floor(threads));
  const others = Array.from({ length: count - 1 }, (_, i) => runShard({ files, config, shard: { index: i + 1, count } }));
  const sharded = checkRuleFileShard(files, config, { index: 0, count });
  for (const result of await Promise.all(others)) result.forEach((problems, i) => sharded[i]!.problems.push(...problems));
  return finish(checked, ruleFiles, sharded, config);
}

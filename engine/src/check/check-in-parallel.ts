/**
 * `checkFiles` on several threads: the groups of the rule files are split between this thread and
 * worker threads by text (rule-file-split.ts). The workers start first and read only their groups,
 * while this thread reads every file whole, checks its structure and its own groups' rules. The
 * result is the same as checkFiles's: where this thread finds that a worker cannot have read a file
 * as it did (the fast YAML reader declined it), or a worker fails, it checks that share itself.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { FileProblem } from '../file-problem.js';
import type { CheckConfig } from './check-config.js';
import { finish } from './check-files.js';
import { gatherFiles, type CheckedFile, type CheckInput, type ReadFile } from './gather-files.js';
import { checkRuleFileShard, type ShardedFile, type ShardFile } from './rule-file-shard.js';
import { splitRuleFiles, type FileShare, type SplitOptions } from './rule-file-split.js';

export interface ShardJob {
  files: ShardFile[];
  config: CheckConfig;
}

export interface ShardResult {
  /** Per file of the job, in order. */
  problems: FileProblem[][];
  readFast: boolean[];
}

/** Checks one shard somewhere. */
export type ShardRunner = (job: ShardJob) => Promise<ShardResult>;

/** Runs a shard on a worker thread (check-worker.ts). */
export const runShardOnWorker: ShardRunner = (job) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./check-worker.js', import.meta.url), { workerData: job });
    worker.once('message', (result: ShardResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`check worker exited with status ${code}`));
    });
  });

/** The work of a worker thread (check-worker.ts): checks the shard of its workerData, posts the problems. */
export function checkShardForParent(): void {
  parentPort!.postMessage(checkShardJob(workerData as ShardJob));
}

/** What a worker thread does with its job. */
export function checkShardJob(job: ShardJob): ShardResult {
  const sharded = checkRuleFileShard(job.files, job.config, false);
  return { problems: sharded.map((f) => f.problems), readFast: sharded.map((f) => f.readFast) };
}

export interface ParallelOptions extends Partial<Omit<SplitOptions, 'threads'>> {
  threads: number;
  runShard?: ShardRunner;
}

/** Below this, a worker thread's start costs more than it saves. */
const MIN_BYTES_PER_THREAD = 512 * 1024;
/** The main thread also reads every file whole and writes the report: it takes a smaller share. */
const MAIN_WEIGHT = 0.8;

export async function checkFilesInParallel(inputs: readonly CheckInput[], config: CheckConfig, readFile: ReadFile, options: ParallelOptions): Promise<CheckedFile[]> {
  const { checked, ruleFiles } = gatherFiles(inputs, readFile);
  const [mine, ...theirs] = splitRuleFiles(ruleFiles, {
    threads: options.threads,
    minBytesPerThread: options.minBytesPerThread ?? MIN_BYTES_PER_THREAD,
    mainWeight: options.mainWeight ?? MAIN_WEIGHT,
  });
  const runShard = options.runShard ?? runShardOnWorker;
  const asJob = (shares: FileShare[]): ShardJob => ({ files: shares.map((s) => ({ file: ruleFiles[s.index]!.file, text: s.text, rules: s.rules })), config });
  const others = theirs.map((shares) => runShard(asJob(shares)).catch(() => undefined));
  const sharded = checkRuleFileShard(asJob(mine!).files, config, true);
  const results = await Promise.all(others);
  results.forEach((result, w) => addShareProblems(sharded, theirs[w]!, result, ruleFiles, config));
  return finish(checked, ruleFiles, sharded, config);
}

/** A worker's problems, or those this thread finds in the worker's share where the worker's cannot be used. */
function addShareProblems(sharded: ShardedFile[], shares: FileShare[], result: ShardResult | undefined, ruleFiles: readonly CheckInput[], config: CheckConfig): void {
  shares.forEach((share, i) => {
    const target = sharded[share.index]!;
    if (result && result.readFast[i] && target.readFast) {
      target.problems.push(...result.problems[i]!);
      return;
    }
    const [redone] = checkRuleFileShard([{ file: target.input.file, text: ruleFiles[share.index]!.text, rules: share.rules }], config, false);
    target.problems.push(...redone!.problems);
  });
}

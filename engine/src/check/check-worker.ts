/** A worker thread of check-in-parallel.ts: checks the shard in its workerData, posts the problems. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ShardJob } from './check-in-parallel.js';
import { checkRuleFileShard } from './rule-file-shard.js';

const job = workerData as ShardJob;
parentPort!.postMessage(checkRuleFileShard(job.files, job.config, job.shard).map((f) => f.problems));

/**
 * Prometheus's slotting of a group's evaluations (Group.EvalTimestamp): every group evaluates at
 * `k * interval + offset`, where the offset is a hash of the group's file and name, so that
 * groups spread over the interval and keep their slots across restarts.
 */
import { Labels } from '../labels/labels.js';
import { labelsHash } from '../promql/eval/label-hash.js';

const NS_PER_MS = 1_000_000n;

/** The latest slot of the group at or before `nowMs`, in milliseconds. */
export function evaluationSlotMs(file: string, groupName: string, intervalMs: number, nowMs: number): number {
  const intervalNs = BigInt(intervalMs) * NS_PER_MS;
  const offsetNs = labelsHash(Labels.from({ name: groupName, file })) % intervalNs;
  const shifted = BigInt(nowMs) * NS_PER_MS - offsetNs;
  const slotNs = shifted - (shifted % intervalNs) + offsetNs;
  return Number(floorDiv(slotNs, NS_PER_MS));
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

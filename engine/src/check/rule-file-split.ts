/**
 * Splitting rule files between threads by their text, before any thread parses them: in a rule
 * file written in plain block style, every group is a `- ` line at the indentation of the groups'
 * list, and everything else in the list is indented further. A worker thread is then given its
 * groups alone in a text of the same length, the other groups' lines emptied, so that it reads
 * only its share of the YAML while every position stays that of the file.
 *
 * A file whose shape this does not recognise, or that holds `klaxon-disable` comments (which may
 * reach across groups), is not split. The main thread still reads every file whole and checks
 * that it was read as the worker reads its share (see check-in-parallel.ts). The same lines let
 * one thread read a file a group at a time (group-at-a-time.ts).
 */
import { DISABLE_COMMENT_MARK } from './disable-comments.js';
import type { CheckInput } from './gather-files.js';

/**
 * Rules whose mapping starts at an offset in [from, to). Not named start and end: objects of the
 * same shape share V8's hidden class, and an Infinity here would make every text range's `end`
 * a boxed number.
 */
export interface RuleRange {
  from: number;
  to: number;
}

export const EVERY_RULE: RuleRange = { from: 0, to: Infinity };

/** A thread's share of one file: the text it reads and the rules it analyzes. */
export interface FileShare {
  /** Index of the file among the rule files. */
  index: number;
  /** The file's text; for a worker, with the groups of other threads emptied. */
  text: string;
  rules: RuleRange;
}

export interface SplitOptions {
  threads: number;
  /** Below this many bytes of groups per thread, fewer threads are used. */
  minBytesPerThread: number;
  /**
   * How much of a worker's share the main thread takes (below 1: it also reads every file
   * whole, writes the report and starts the workers).
   */
  mainWeight: number;
}

/**
 * The offsets of the lines that start groups, and where the groups' list starts; undefined unless
 * the file is `groups:` (after blank and comment lines) followed by a block list of groups.
 */
export function groupLineStarts(text: string): number[] | undefined {
  let line = 0;
  let groupsKeySeen = false;
  let itemIndent = -1;
  const starts: number[] = [];
  while (line < text.length) {
    let next = text.indexOf('\n', line);
    next = next < 0 ? text.length : next + 1;
    let at = line;
    while (text.charCodeAt(at) === 32) at++;
    const first = text.charCodeAt(at);
    const blank = at >= text.length || first === 10 || first === 35; /* '#' */
    if (!blank) {
      const indent = at - line;
      if (!groupsKeySeen) {
        if (indent !== 0 || !/^groups:(?:[ ]+(?:#[^\n]*)?)?(?:\n|$)/.test(text.slice(at, next))) return undefined;
        groupsKeySeen = true;
      } else {
        const dash = first === 45 /* '-' */ && isSeparator(text.charCodeAt(at + 1), at + 1 >= text.length);
        if (itemIndent < 0) {
          if (!dash) return undefined;
          itemIndent = indent;
        }
        if (indent === itemIndent && dash) starts.push(line);
        else if (indent <= itemIndent) return undefined;
      }
    }
    line = next;
  }
  return starts.length > 0 ? starts : undefined;
}

function isSeparator(code: number, atEnd: boolean): boolean {
  return atEnd || code === 32 || code === 10;
}

/**
 * Deals the groups of the rule files to threads in file order, in shares of about equal size by
 * bytes: the first share is the main thread's, one more per worker. Each file appears in the main
 * thread's share, whole (possibly with none of its rules); a worker has only the files it has groups of.
 */
export function splitRuleFiles(files: readonly CheckInput[], options: SplitOptions): FileShare[][] {
  const main = files.map((f, index): FileShare => ({ index, text: f.text, rules: EVERY_RULE }));
  if (options.threads < 2) return [main];
  const splittable = files.map((f) => (f.text.includes(DISABLE_COMMENT_MARK) ? undefined : groupLineStarts(f.text)));
  // Files that are not split count as the main thread's, before the groups of the others.
  let before = files.reduce((sum, f, i) => sum + (splittable[i] ? 0 : f.text.length), 0);
  const total = files.reduce((sum, f, i) => sum + f.text.length - (splittable[i]?.[0] ?? 0), 0);
  const workers = Math.min(Math.floor(options.threads) - 1, Math.floor(total / options.minBytesPerThread) - 1);
  if (workers < 1 || before === total) return [main];

  // Cuts in all files' bytes laid end to end; the main thread's share is smaller than a worker's.
  const unit = total / (options.mainWeight + workers);
  const cuts = Array.from({ length: workers }, (_, w) => Math.round(unit * (options.mainWeight + w)));
  const shares: FileShare[][] = [main, ...cuts.map((): FileShare[] => [])];
  files.forEach((file, i) => {
    const starts = splittable[i];
    if (!starts) return;
    const first = starts[0]!;
    const end = file.text.length;
    const size = end - first;
    // Where each worker's groups start in this file: the group line nearest its cut.
    const bounds = cuts.map((cut) => (cut <= before ? first : cut >= before + size ? end : nearest(starts, first + cut - before, end)));
    main[i] = { index: i, text: file.text, rules: { from: 0, to: bounds[0]! } };
    bounds.forEach((start, w) => {
      const stop = bounds[w + 1] ?? end;
      if (stop > start) shares[w + 1]!.push({ index: i, text: emptiedOutside(file.text, first, start, stop), rules: { from: start, to: stop } });
    });
    before += size;
  });
  return shares.filter((share, t) => t === 0 || share.length > 0);
}

/** The group line start nearest `target`, or the end of the text when that is nearer. */
function nearest(starts: readonly number[], target: number, end: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= target) lo = mid;
    else hi = mid - 1;
  }
  const below = starts[lo]!;
  const above = starts[lo + 1] ?? end;
  return target - below <= above - target ? below : above;
}

/** The text with the groups outside [start, end) emptied: the same length, all spaces up to each line end kept. */
export function emptiedOutside(text: string, groupsStart: number, start: number, end: number): string {
  return text.slice(0, groupsStart) + blank(start - groupsStart) + text.slice(start, end) + blank(text.length - end);
}

/** `length` characters of one blank line (its last one a line break, when it ends a line). */
function blank(length: number): string {
  return length <= 0 ? '' : `${' '.repeat(length - 1)}\n`;
}

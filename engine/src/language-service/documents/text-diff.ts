/** The one region in which two versions of a text differ: their common prefix and suffix left out. */

export interface ChangedRegion {
  /** Where the change starts, in both texts. */
  start: number;
  /** Where the changed part ends in the old text. */
  oldEnd: number;
  /** Where the changed part ends in the new text. */
  newEnd: number;
}

/** Chunks compared as strings first, large then small: the engine compares them natively, far faster than a loop. */
const CHUNKS = [65_536, 4_096, 256];

/** Undefined when the texts are equal. */
export function changedRegion(oldText: string, newText: string): ChangedRegion | undefined {
  if (oldText === newText) return undefined;
  const limit = Math.min(oldText.length, newText.length);
  let start = 0;
  for (const chunk of CHUNKS) {
    while (start + chunk <= limit && oldText.slice(start, start + chunk) === newText.slice(start, start + chunk)) start += chunk;
  }
  while (start < limit && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  for (const chunk of CHUNKS) {
    while (oldEnd - chunk >= start && newEnd - chunk >= start && oldText.slice(oldEnd - chunk, oldEnd) === newText.slice(newEnd - chunk, newEnd)) {
      oldEnd -= chunk;
      newEnd -= chunk;
    }
  }
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** RFC 4180 CSV split into rows of cells, each with its offsets in the text. */
import { problem, type Problem } from '../errors.js';

export interface CsvCell {
  text: string;
  start: number;
  end: number;
}

/** Splits RFC 4180 CSV into rows of cells with their offsets. */
export function readCsv(text: string, problems: Problem[], source: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) {
          problems.push(problem('unclosed quoted field', { start, end: text.length }, source));
          break;
        }
        if (text[i] === '"') {
          if (text[i + 1] !== '"') {
            i++;
            break;
          }
          i++;
        }
        value += text[i++];
      }
      while (i < text.length && text[i] !== ',' && text[i] !== '\n') i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n') i++;
      value = text.slice(start, i);
      if (value.endsWith('\r') && text[i] !== ',') value = value.slice(0, -1);
    }
    row.push({ text: value, start, end: Math.max(i, start + 1) });
    if (text[i] === ',') {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    if (i >= text.length - 1) break;
    i++;
  }
  return rows;
}

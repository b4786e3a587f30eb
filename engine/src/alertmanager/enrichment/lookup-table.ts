/**
 * Tables that enrichment looks alerts up in (service → team, owner, runbook): CSV with a header
 * row, or YAML/JSON as a list of rows or a mapping from key to row. Every cell is a string.
 * Problems are located in the file; a table with problems still yields its good rows.
 */
import { extname } from 'node:path';
import { problem, type Problem } from '../../errors.js';
import { inFile, type FileProblem } from '../../file-problem.js';
import { readCsv } from '../../text/csv.js';
import { readYamlTree } from '../../yaml/read-tree.js';
import { describeNode, isNull, type YamlMap, type YamlNode } from '../../yaml/tree.js';

export type LookupRow = Readonly<Record<string, string>>;

export interface LookupTable {
  /** Rows by their value of the key column. */
  rows: ReadonlyMap<string, LookupRow>;
  problems: FileProblem[];
}

const SOURCE = 'enrichment';

export function loadLookupTable(text: string, file: string, key: string): LookupTable {
  const problems: Problem[] = [];
  const rows = new Map<string, LookupRow>();
  const add = (row: LookupRow, range: { start: number; end: number }) => {
    const value = row[key];
    if (value === undefined || value === '') problems.push(problem(`row has no value for the key column "${key}"`, range, SOURCE));
    else if (rows.has(value)) problems.push(problem(`key "${value}" appears in more than one row`, range, SOURCE));
    else rows.set(value, row);
  };
  if (extname(file).toLowerCase() === '.csv') readCsvRows(text, problems, add);
  else readTreeRows(text, key, problems, add);
  return { rows, problems: problems.map((p) => inFile(file, p)) };
}

type AddRow = (row: LookupRow, range: { start: number; end: number }) => void;

function readCsvRows(text: string, problems: Problem[], add: AddRow): void {
  const lines = readCsv(text, problems, SOURCE).filter((row) => !(row.length === 1 && row[0]!.text.trim() === ''));
  const header = lines.shift();
  if (!header) return;
  const names = header.map((cell) => cell.text.trim());
  for (const line of lines) {
    const range = { start: line[0]!.start, end: line[line.length - 1]!.end };
    if (line.length !== names.length) {
      problems.push(problem(`expected ${names.length} fields as in the header, found ${line.length}`, range, SOURCE));
      continue;
    }
    add(Object.fromEntries(names.map((name, i) => [name, line[i]!.text])), range);
  }
}

/** YAML (JSON is YAML): a list of mappings, or a mapping from key to mapping. */
function readTreeRows(text: string, key: string, problems: Problem[], add: AddRow): void {
  const tree = readYamlTree(text, 'yaml.v2');
  problems.push(...tree.problems.map((p) => ({ ...p, source: SOURCE })));
  const root = tree.root;
  if (!root || isNull(root) || tree.problems.some((p) => p.severity === 'error')) return;
  if (root.kind === 'seq') {
    for (const item of root.items) {
      const row = rowOf(item, problems);
      if (row) add(row, item.range);
    }
  } else if (root.kind === 'map') {
    for (const pair of root.pairs) {
      const row = rowOf(pair.value, problems);
      if (row && pair.key.kind === 'scalar') add({ ...row, [key]: pair.key.text }, pair.key.range);
    }
  } else problems.push(problem(`a lookup table must be a list of rows or a mapping from key to row, not ${describeNode(root)}`, root.range, SOURCE));
}

function rowOf(node: YamlNode, problems: Problem[]): LookupRow | undefined {
  if (node.kind !== 'map') {
    problems.push(problem(`a row must be a mapping of column to value, not ${describeNode(node)}`, node.range, SOURCE));
    return undefined;
  }
  return cellsOf(node, problems);
}

function cellsOf(map: YamlMap, problems: Problem[]): LookupRow {
  const row: Record<string, string> = {};
  for (const { key, value } of map.pairs) {
    if (key.kind !== 'scalar' || value.kind !== 'scalar') {
      problems.push(problem('a cell must be a plain value', (value.kind !== 'scalar' ? value : key).range, SOURCE));
      continue;
    }
    row[key.text] = isNull(value) ? '' : value.text;
  }
  return row;
}

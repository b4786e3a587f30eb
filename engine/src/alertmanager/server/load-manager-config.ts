/**
 * Loading a configuration for the running alert manager: the file's problems (errors refuse it,
 * warnings are passed on), and the enrichment stage with its lookup tables, read relative to the
 * configuration file. Nothing here changes a running manager.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatFileProblem, type FileProblem } from '../../file-problem.js';
import { LineIndex } from '../../text/line-index.js';
import { loadAlertmanagerConfig } from '../config/load-config.js';
import type { AlertmanagerConfig, EnrichmentRule } from '../config/types.js';
import { Enricher } from '../enrichment/enricher.js';
import { loadLookupTable, type LookupTable } from '../enrichment/lookup-table.js';

/** A configuration that cannot be used; the message has every error, one per line. */
export class ConfigLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigLoadError';
  }
}

export interface LoadedManagerConfig {
  config: AlertmanagerConfig;
  enricher: Enricher;
  /** Warnings about the configuration and its lookup tables, one line each, located. */
  warnings: string[];
}

export interface LoadManagerConfigOptions {
  externalURL: string;
  readText?: (path: string) => Promise<string>;
}

/** Throws ConfigLoadError when the configuration has errors or a lookup table cannot be read. */
export async function loadManagerConfig(text: string, file: string, options: LoadManagerConfigOptions): Promise<LoadedManagerConfig> {
  const { config, problems } = loadAlertmanagerConfig(text, file);
  const index = new LineIndex(text);
  const describe = (p: FileProblem) => formatFileProblem(p, index);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!config || errors.length > 0) {
    throw new ConfigLoadError(errors.length > 0 ? errors.map(describe).join('\n') : `${file}: the configuration cannot be loaded`);
  }
  const warnings = problems.filter((p) => p.severity === 'warning').map(describe);
  const read = options.readText ?? ((path: string) => readFile(path, 'utf8'));
  const tables = await loadLookupTables(config.klaxon.enrichment, dirname(file), read, warnings);
  const enricher = new Enricher(config.klaxon.enrichment, { tables, externalURL: options.externalURL });
  warnings.push(...enricher.problems);
  return { config, enricher, warnings };
}

/** The tables the rules name, by the file name as written; each file is read once. */
async function loadLookupTables(
  rules: readonly EnrichmentRule[],
  directory: string,
  read: (path: string) => Promise<string>,
  warnings: string[],
): Promise<Map<string, LookupTable>> {
  const tables = new Map<string, LookupTable>();
  const keys = new Map<string, string>();
  for (const rule of rules) {
    if (!rule.lookup) continue;
    const { file, key } = rule.lookup;
    const earlierKey = keys.get(file);
    if (earlierKey !== undefined) {
      if (earlierKey !== key) throw new ConfigLoadError(`lookup table ${file} is looked up by two keys, "${earlierKey}" and "${key}": use one key per table file`);
      continue;
    }
    keys.set(file, key);
    const path = resolve(directory, file);
    let text: string;
    try {
      text = await read(path);
    } catch (e) {
      throw new ConfigLoadError(`cannot read lookup table ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const table = loadLookupTable(text, path, key);
    const tableIndex = new LineIndex(text);
    warnings.push(...table.problems.map((p) => formatFileProblem(p, tableIndex)));
    tables.set(file, table);
  }
  return tables;
}

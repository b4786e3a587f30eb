/**
 * Loads a file of series in any format Klaxon reads, told by its extension and else by its
 * content: promtool's YAML `input_series` (.yml, .yaml), series notation (.txt, .series, and
 * anything else), CSV (.csv) and query API JSON (.json).
 */
import { extname } from 'node:path';
import { loadCsvSeriesFile } from './csv-series-file.js';
import { loadInputSeriesFile } from './input-series-file.js';
import { loadJsonSeriesFile } from './json-series-file.js';
import type { LoadedSeries } from './loaded-series.js';
import { loadNotationFile } from './notation-file.js';

export type SeriesFormat = 'yaml' | 'notation' | 'csv' | 'json';

const BY_EXTENSION: Record<string, SeriesFormat> = { '.yml': 'yaml', '.yaml': 'yaml', '.csv': 'csv', '.json': 'json', '.txt': 'notation', '.series': 'notation' };

export function seriesFormatOf(file: string, text: string): SeriesFormat {
  const known = BY_EXTENSION[extname(file).toLowerCase()];
  if (known) return known;
  const first = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#')) ?? '';
  if (first.startsWith('{') && !/^\{[^}]*\}\s/.test(first)) return 'json';
  if (first.startsWith('[')) return 'json';
  if (/^(input_series|interval)\s*:/.test(first)) return 'yaml';
  if (/^"?(timestamp|time)"?\s*,/.test(first) || /,\s*"?(timestamp|time)"?\s*(,|$)/.test(first)) return 'csv';
  return 'notation';
}

export function loadSeriesFile(text: string, file: string, format: SeriesFormat = seriesFormatOf(file, text)): LoadedSeries {
  switch (format) {
    case 'csv':
      return loadCsvSeriesFile(text, file);
    case 'json':
      return loadJsonSeriesFile(text, file);
    case 'notation':
      return loadNotationFile(text, file);
    case 'yaml': {
      const loaded = loadInputSeriesFile(text, file);
      return { store: loaded.store, firstMs: 0, lastMs: loaded.endMs, times: 'relative', problems: loaded.problems };
    }
  }
}

/**
 * What amtool check-config does with `templates`: expands each glob (relative paths from the
 * config file's directory) and parses every file it matches as a Go text/template with
 * Alertmanager's template functions. Problems are located at the glob in the config file.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { problem } from '../../errors.js';
import { inFile, type FileProblem } from '../../file-problem.js';
import { parseTemplate } from '../../template/expand.js';
import { SOURCE } from './config-reader.js';
import { BadPatternError, glob } from '../../files/go-glob.js';
import type { AlertmanagerConfig } from './types.js';

/** Alertmanager 0.25's template functions (template.DefaultFuncs), besides Go's builtins. */
const ALERTMANAGER_FUNCTIONS = ['toUpper', 'toLower', 'title', 'join', 'match', 'safeHtml', 'reReplaceAll', 'stringSlice'];

export function checkTemplateFiles(config: AlertmanagerConfig, configFile: string): FileProblem[] {
  const problems: FileProblem[] = [];
  const baseDir = dirname(configFile);
  for (const { value, range } of config.templates) {
    const report = (message: string) => problems.push(inFile(configFile, problem(message, range, SOURCE)));
    const pattern = value !== '' && !isAbsolute(value) ? join(baseDir, value) : value;
    let files: string[];
    try {
      files = glob(pattern);
    } catch (e) {
      if (e instanceof BadPatternError) continue; // the loader reports it
      throw e;
    }
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        report(`read ${file}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
        break;
      }
      const parsed = parseTemplate(text, basename(file), { functions: ALERTMANAGER_FUNCTIONS });
      if (parsed.problems.length > 0) {
        report(`${file}: ${parsed.problems[0]!.message}`);
        break;
      }
    }
  }
  return problems;
}

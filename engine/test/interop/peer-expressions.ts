/**
 * The expressions of every `eval` command in Prometheus's own promqltest scripts, which the project
 * keeps read-only beside the repository (`../shared/peer/promqltest` from the repository root).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScript } from '../../src/testing/promqltest/script.js';

/** From engine/test/interop/ up to the repository root, then beside it. */
const PEER_SCRIPTS_DIR = fileURLToPath(new URL('../../../../shared/peer/promqltest/', import.meta.url));

/** Reads every script; throws when the folder or its scripts are missing, so a suite can never pass empty. */
export function readPeerExpressions(dir = PEER_SCRIPTS_DIR): string[] {
  if (!existsSync(dir)) throw new Error(`Prometheus's promqltest scripts are missing: no folder ${dir}`);
  const files = readdirSync(dir).filter((name) => name.endsWith('.test')).sort();
  if (files.length === 0) throw new Error(`Prometheus's promqltest scripts are missing: no *.test file in ${dir}`);
  const found: string[] = [];
  for (const file of files) {
    const script = parseScript(readFileSync(`${dir}/${file}`, 'utf8'));
    for (const command of script.commands) {
      if (command.kind === 'eval') found.push(command.expr);
    }
  }
  return found;
}

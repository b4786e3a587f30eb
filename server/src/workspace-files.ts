/**
 * The files of the workspace folders that the service should know without their being open:
 * rule files (for names, definitions and unit tests), Alertmanager configs, unit tests, template
 * files and `.klaxon.yml`. Read once at start, then kept current from file events.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

const WANTED = /(\.ya?ml|\.test|\.tmpl)$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'out', 'vendor']);
const MAX_FILES = 5_000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function isWorkspaceFile(path: string): boolean {
  return WANTED.test(path);
}

/** The wanted files under the folders, breadth first, at most MAX_FILES. */
export async function findWorkspaceFiles(folders: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const queue = [...folders];
  while (queue.length > 0 && found.length < MAX_FILES) {
    const dir = queue.shift()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) queue.push(path);
      } else if (entry.isFile() && isWorkspaceFile(entry.name) && found.length < MAX_FILES) found.push(path);
    }
  }
  return found;
}

/** The file's text, or undefined when it cannot be read or is too large to be one of ours. */
export async function readWorkspaceFile(path: string): Promise<string | undefined> {
  try {
    if ((await stat(path)).size > MAX_FILE_BYTES) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

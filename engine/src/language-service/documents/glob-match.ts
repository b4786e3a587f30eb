/**
 * Glob patterns as editors write them in settings: `**` any number of directories, `*` and `?`
 * within one path segment, `{a,b}` alternatives, `[...]` classes. A pattern without a slash
 * matches the file name anywhere; a relative one is taken from any of the workspace folders.
 */

export function globToRegExp(pattern: string): RegExp {
  let source = '';
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (inClass) {
      source += ch === '\\' ? '\\\\' : ch;
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      source += slashAfter ? '(?:[^/]*/)*' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      inClass = true;
      source += pattern[i + 1] === '!' ? (i++, '[^') : '[';
    } else if (ch === '{') {
      braces++;
      source += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (ch === ',' && braces > 0) source += '|';
    else source += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  if (inClass) source += ']';
  source += ')'.repeat(braces);
  return new RegExp(`^${source}$`);
}

/** Whether a file path matches a settings glob, given the workspace folders' paths. */
export function matchesGlob(path: string, pattern: string, folders: readonly string[]): boolean {
  const normalized = path.replaceAll('\\', '/');
  const regex = globToRegExp(pattern.replaceAll('\\', '/').replace(/^\.\//, ''));
  if (!pattern.includes('/')) return regex.test(normalized.slice(normalized.lastIndexOf('/') + 1));
  if (regex.test(normalized)) return true;
  return folders.some((folder) => {
    const base = folder.replaceAll('\\', '/').replace(/\/+$/, '') + '/';
    return normalized.startsWith(base) && regex.test(normalized.slice(base.length));
  });
}

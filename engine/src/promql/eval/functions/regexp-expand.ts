/** Go's `regexp.Expand` template syntax: `$1`, `${1}`, `$name`, `${name}`, `$$`. */

const NAME = /^[\p{L}\p{Nd}_]+/u;

export interface MatchGroups {
  /** The text of group `index`, or null when the group did not take part in the match. */
  group(index: number): string | null;
  groupCount(): number;
}

/** The group number a `$` reference means, or -1 when it is a name (Go: no leading zeros, at most 9 digits). */
function groupNumber(name: string): number {
  if (!/^\d+$/.test(name) || (name.length > 1 && name.startsWith('0')) || name.length > 9) return -1;
  return Number(name);
}

/**
 * Expands `template` with the groups of a match. References to groups that do not exist or did not
 * match expand to nothing; a `$` that starts no valid reference stays as it is. As in Go, the
 * longest run of letters, digits and underscores is the reference: `$1x` means `${1x}`.
 */
export function expandTemplate(
  template: string,
  match: MatchGroups,
  namedGroups: Readonly<Record<string, number>>,
): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const braced = rest.startsWith('{');
    const name = NAME.exec(braced ? rest.slice(1) : rest)?.[0];
    if (name === undefined || (braced && rest[name.length + 1] !== '}')) {
      out += '$';
      continue;
    }
    rest = rest.slice(name.length + (braced ? 2 : 0));
    const number = groupNumber(name);
    const index = number >= 0 ? number : Object.hasOwn(namedGroups, name) ? namedGroups[name]! : -1;
    if (index >= 0 && index <= match.groupCount()) out += match.group(index) ?? '';
  }
  return out + rest;
}

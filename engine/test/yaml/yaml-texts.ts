/**
 * Arbitrary YAML texts for the reader tests: random trees written out in the block styles that
 * rule files use (with the formatting choices people make), and random edits of such texts.
 */
import fc from 'fast-check';

type Tree = string | null | { seq: Tree[] } | { map: [string, Tree][] };

interface Style {
  indent: number;
  compactSeqs: boolean;
  comments: boolean;
  blankLines: boolean;
}

const word = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
const text = fc.oneof(
  word,
  fc.stringMatching(/^[a-z0-9 (){}=~"'\\#:>|\-.,[\]*&!%@$]{0,14}$/),
  fc.constantFrom('sum by (job) (rate(x[5m])) > 1', 'up == 0', '{{ $labels.job }}', 'a: b', '- x', '# no', "it's", '"q"', '', ' ', '1.0', '0x10', '~', 'null', 'true', '-1'),
);

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }).map((seq) => ({ seq })),
    fc.uniqueArray(fc.tuple(word, tie('node')), { maxLength: 4, selector: ([k]) => k }).map((map) => ({ map })),
  ),
})).node;

const style: fc.Arbitrary<Style> = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  compactSeqs: fc.boolean(),
  comments: fc.boolean(),
  blankLines: fc.boolean(),
});

const scalarWriters = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 40, maxLength: 40 });

/** A YAML text for a random tree whose root is a mapping. */
export const yamlText: fc.Arbitrary<string> = fc
  .tuple(fc.uniqueArray(fc.tuple(word, tree), { minLength: 1, maxLength: 4, selector: ([k]) => k }), style, scalarWriters)
  .map(([pairs, s, choices]) => {
    let choice = 0;
    const next = () => choices[choice++ % choices.length]!;
    return writeMap(pairs, 0, s, next);
  });

/** Random edits of a YAML text: characters inserted, deleted or replaced. */
export const editedYamlText: fc.Arbitrary<string> = fc.constant(null).chain(() => edited(yamlText));

function writeMap(pairs: [string, Tree][], indent: number, s: Style, next: () => number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const [key, value] of pairs) {
    if (s.comments && next() === 0) out += `${pad}# about ${key}\n`;
    if (s.blankLines && next() === 0) out += '\n';
    out += `${pad}${key}:${writeValue(value, indent, s, next, true)}`;
  }
  return out;
}

function writeValue(value: Tree, indent: number, s: Style, next: () => number, afterKey: boolean): string {
  if (value === null) return next() < 5 ? '\n' : ' ~\n';
  if (typeof value === 'string') return ` ${writeScalar(value, indent, next)}\n`;
  if ('map' in value) {
    if (value.map.length === 0) return ' {}\n';
    if (next() === 0 && value.map.every(([, v]) => typeof v === 'string')) return ` {${value.map.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')}}\n`;
    return `\n${writeMap(value.map, indent + s.indent, s, next)}`;
  }
  if (value.seq.length === 0) return ' []\n';
  if (next() === 0 && value.seq.every((v) => typeof v === 'string')) return ` [${value.seq.map((v) => JSON.stringify(v)).join(', ')}]\n`;
  const seqIndent = afterKey && s.compactSeqs ? indent : indent + s.indent;
  return `\n${value.seq.map((item) => writeItem(item, seqIndent, s, next)).join('')}`;
}

function writeItem(item: Tree, indent: number, s: Style, next: () => number): string {
  const pad = ' '.repeat(indent);
  if (item !== null && typeof item === 'object' && 'map' in item && item.map.length > 0 && next() < 7) {
    const body = writeMap(item.map, indent + 2, s, next);
    return `${pad}- ${body.slice(indent + 2)}`;
  }
  return `${pad}-${writeValue(item, indent, s, next, false)}`;
}

function writeScalar(value: string, indent: number, next: () => number): string {
  const inner = ' '.repeat(indent + 2);
  switch (next()) {
    case 0:
    case 1:
      return JSON.stringify(value);
    case 2:
      return `'${value.replaceAll("'", "''")}'`;
    case 3:
      return `|\n${value.split(' ').map((w) => inner + w).join('\n')}`;
    case 4:
      return `>-\n${value.split(' ').map((w) => inner + w).join('\n')}`;
    case 5:
      return `${value.replace(' ', `\n${inner}`)}`;
    default:
      return value;
  }
}

/** A text in the shape of a rule file, `groups:` and a block list, whose items are random trees. */
export const groupsText: fc.Arbitrary<string> = fc
  .tuple(fc.array(tree, { minLength: 1, maxLength: 5 }), style, scalarWriters, fc.boolean())
  .map(([items, s, choices, header]) => {
    let choice = 0;
    const next = () => choices[choice++ % choices.length]!;
    const list = items.map((item) => writeItem(item, s.compactSeqs ? 0 : s.indent, s, next)).join('');
    return `${header ? '# rules\n\n' : ''}groups:${s.comments ? ' # all' : ''}\n${list}`;
  });

/** Random edits of a text (see editedYamlText). */
export function edited(texts: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(texts, fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ' ', '  ', ':', '- ', '#', '\n', '"', "'", '|', '>', '\t', '&a ', '*a', '!!str ', '? ', '{', '[', ',', '---\n'), fc.boolean()), { minLength: 1, maxLength: 3 }))
    .map(([source, edits]) => {
      let out = source;
      for (const [at, insert, replace] of edits) {
        const p = at % (out.length + 1);
        out = out.slice(0, p) + insert + out.slice(replace ? p + 1 : p);
      }
      return out;
    });
}

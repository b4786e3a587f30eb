/**
 * Rule files for comparing verdicts with `promtool check rules` (Debian's 2.42): hand-written
 * edge cases of rulefmt and of yaml.v3 decoding, and a seeded generator of whole files mixing
 * valid and invalid parts. Everything here is written for Prometheus 2.42, so it avoids what 2.42
 * does not know (group `labels` and `query_offset`, UTF-8 names, functions added since).
 */
import { generateAlertExpressions, seededRandom } from '../../bench/generate.mjs';

const rules = (body: string) => `groups:\n  - name: g\n    rules:\n${body}`;
const alert = (extra: string) => rules(`      - alert: A\n        expr: up == 0\n${extra}`);

export const HAND_WRITTEN_CASES: Record<string, string> = {
  valid: alert('        for: 5m\n        labels: {severity: page}\n'),
  validRecording: rules('      - record: job:up:sum\n        expr: sum by (job) (up)\n'),
  empty: '',
  onlyComment: '# nothing here\n',
  nullGroups: 'groups:\n',
  explicitEmptyDocument: '---\n',
  secondDocumentIgnored: 'groups: []\n---\ngroups:\n  - name: [\n',
  secondDocumentUnknownField: 'groups:\n  - name: a\n    rules: []\n---\nfoo: 1\n',
  unknownTopLevelField: 'foo: 1\n',
  unknownGroupField: 'groups:\n  - name: g\n    foo: 1\n    rules: []\n',
  unknownRuleField: alert('        sevrity: x\n'),
  misspeltAnnotations: alert('        annotation: {summary: x}\n'),
  rootIsList: '- a\n',
  rootIsScalar: 'hello\n',
  groupsIsMapping: 'groups: {}\n',
  groupsIsNumber: 'groups: 5\n',
  groupIsScalar: 'groups:\n  - g\n',
  nullGroupItem: 'groups:\n  -\n  - name: g\n    rules: []\n',
  rulesIsMapping: 'groups:\n  - name: g\n    rules: {}\n',
  rulesNull: 'groups:\n  - name: g\n    rules:\n',
  nullRuleItem: rules('      -\n'),
  ruleIsScalar: rules('      - 5\n'),
  groupNameNumber: 'groups:\n  - name: 5\n    rules: []\n',
  groupNameList: 'groups:\n  - name: [a]\n    rules: []\n',
  groupNameMissing: 'groups:\n  - rules: []\n',
  groupNameEmptyQuoted: "groups:\n  - name: ''\n    rules: []\n",
  duplicateGroup: 'groups:\n  - name: g\n    rules: []\n  - name: g\n',
  duplicateGroupKey: 'groups:\n  - name: g\n    name: h\n    rules: []\n',
  duplicateRuleKey: alert('        for: 1m\n        for: 2m\n'),
  duplicateLabelKey: alert('        labels:\n          a: x\n          a: y\n'),
  duplicateKeyNumberAndString: alert('        labels:\n          1: x\n          "1": y\n'),
  intervalValid: 'groups:\n  - name: g\n    interval: 30s\n    rules: []\n',
  intervalZero: 'groups:\n  - name: g\n    interval: 0\n    rules: []\n',
  intervalNumber: 'groups:\n  - name: g\n    interval: 30\n    rules: []\n',
  intervalCompound: 'groups:\n  - name: g\n    interval: 1h30m\n    rules: []\n',
  intervalBadOrder: 'groups:\n  - name: g\n    interval: 30m1h\n    rules: []\n',
  intervalFraction: 'groups:\n  - name: g\n    interval: 1.5m\n    rules: []\n',
  intervalNull: 'groups:\n  - name: g\n    interval:\n    rules: []\n',
  limitValid: 'groups:\n  - name: g\n    limit: 10\n    rules: []\n',
  limitWord: 'groups:\n  - name: g\n    limit: abc\n    rules: []\n',
  limitFloat: 'groups:\n  - name: g\n    limit: 1.5\n    rules: []\n',
  limitNegative: 'groups:\n  - name: g\n    limit: -1\n    rules: []\n',
  limitHex: 'groups:\n  - name: g\n    limit: 0x10\n    rules: []\n',
  limitOctal: 'groups:\n  - name: g\n    limit: 0o17\n    rules: []\n',
  limitLeadingZero: 'groups:\n  - name: g\n    limit: 08\n    rules: []\n',
  limitUnderscore: 'groups:\n  - name: g\n    limit: 1_000\n    rules: []\n',
  limitExponent: 'groups:\n  - name: g\n    limit: 1e3\n    rules: []\n',
  limitInfinity: 'groups:\n  - name: g\n    limit: .inf\n    rules: []\n',
  limitMinusInfinity: 'groups:\n  - name: g\n    limit: -.inf\n    rules: []\n',
  limitNaN: 'groups:\n  - name: g\n    limit: .nan\n    rules: []\n',
  limitBool: 'groups:\n  - name: g\n    limit: true\n    rules: []\n',
  limitQuoted: "groups:\n  - name: g\n    limit: '5'\n    rules: []\n",
  limitTaggedString: 'groups:\n  - name: g\n    limit: !!str 5\n    rules: []\n',
  limitHuge: 'groups:\n  - name: g\n    limit: 99999999999999999999\n    rules: []\n',
  limitNull: 'groups:\n  - name: g\n    limit:\n    rules: []\n',
  limitList: 'groups:\n  - name: g\n    limit: [1]\n    rules: []\n',
  bothAlertAndRecord: rules('      - alert: A\n        record: b\n        expr: up\n'),
  neitherAlertNorRecord: rules('      - expr: up\n'),
  emptyAlertAndRecord: rules("      - alert: ''\n        record: ''\n        expr: up\n"),
  nullAlert: rules('      - alert:\n        expr: up\n'),
  emptyAlertMeansRecording: rules("      - alert: ''\n        record: r\n        expr: up\n"),
  alertNameNumber: rules('      - alert: 5\n        expr: up\n'),
  alertNameList: rules('      - alert: [a]\n        expr: up\n'),
  missingExpr: rules('      - alert: A\n'),
  emptyExpr: rules("      - alert: A\n        expr: ''\n"),
  blankExpr: rules("      - alert: A\n        expr: ' '\n"),
  exprNumber: rules('      - alert: A\n        expr: 5\n'),
  exprBool: rules('      - alert: A\n        expr: true\n'),
  exprMapping: rules('      - alert: A\n        expr: {a: 1}\n'),
  exprSyntaxError: rules('      - alert: A\n        expr: sum(rate(x[5m])\n'),
  exprTypeError: rules('      - alert: A\n        expr: rate(x)\n'),
  exprRangeVector: rules('      - record: r\n        expr: x[5m]\n'),
  exprString: rules('      - record: r\n        expr: \'"a"\'\n'),
  exprFoldedBlock: rules('      - alert: A\n        expr: >\n          sum(rate(x[5m]))\n          > 1\n'),
  exprLiteralBlock: rules('      - alert: A\n        expr: |\n          sum(rate(x[5m]))\n            > 1\n'),
  exprLiteralBlockError: rules('      - alert: A\n        expr: |\n          sum(rate(x[5m])\n            > 1\n'),
  exprMultiLinePlain: rules('      - alert: A\n        expr: sum(rate(x[5m]))\n          > 1\n'),
  exprDoubleQuotedEscapes: rules('      - alert: A\n        expr: "x{a=\\"b\\"} > 1"\n'),
  exprSingleQuoted: rules("      - alert: A\n        expr: 'x{a=''b''} > 1'\n"),
  forOnRecording: rules('      - record: r\n        expr: up\n        for: 5m\n'),
  zeroForOnRecording: rules('      - record: r\n        expr: up\n        for: 0s\n'),
  keepFiringForOnRecording: rules('      - record: r\n        expr: up\n        keep_firing_for: 1m\n'),
  annotationsOnRecording: rules('      - record: r\n        expr: up\n        annotations: {a: b}\n'),
  emptyAnnotationsOnRecording: rules('      - record: r\n        expr: up\n        annotations: {}\n'),
  keepFiringFor: alert('        keep_firing_for: 10m\n'),
  forNumber: alert('        for: 5\n'),
  forEmpty: alert("        for: ''\n"),
  forZero: alert('        for: 0\n'),
  forNull: alert('        for:\n'),
  forList: alert('        for: [1]\n'),
  forWord: alert('        for: five\n'),
  forDays: alert('        for: 1d\n'),
  forMilliseconds: alert('        for: 1500ms\n'),
  labelsList: alert('        labels: [a]\n'),
  labelsScalar: alert('        labels: severity\n'),
  labelValueList: alert('        labels: {a: [1]}\n'),
  labelValueMapping: alert('        labels: {a: {b: c}}\n'),
  labelValuesOfEveryScalarType: alert('        labels: {a: 1, b: true, c: null, d: 1.5, e: ~}\n'),
  labelNameInvalid: alert('        labels: {1a: x}\n'),
  labelNameMetricName: alert('        labels: {__name__: x}\n'),
  labelNameReserved: alert('        labels: {__x: y}\n'),
  labelNameUtf8: alert('        labels: {ä: x}\n'),
  labelNameDash: alert('        labels: {a-b: x}\n'),
  labelNameEmpty: alert("        labels: {'': x}\n"),
  labelValueEscaped: alert('        labels: {a: "\\xff"}\n'),
  annotationNameInvalid: alert('        annotations: {1a: x}\n'),
  annotationNameMetricName: alert('        annotations: {__name__: x}\n'),
  annotationValueNumber: alert('        annotations: {a: 1}\n'),
  recordNameInvalid: rules('      - record: 1abc\n        expr: up\n'),
  recordNameColons: rules('      - record: a:b:c\n        expr: up\n'),
  recordNameBraces: rules('      - record: a{b}\n        expr: up\n'),
  recordNameDash: rules('      - record: a-b\n        expr: up\n'),
  recordNameUtf8: rules('      - record: ä\n        expr: up\n'),
  recordWithLabels: rules('      - record: r\n        expr: up\n        labels: {a: b}\n'),
  recordLabelTemplateNotChecked: rules("      - record: r\n        expr: up\n        labels: {a: '{{ nosuchfn }}'}\n"),
  templateValid: alert("        annotations:\n          summary: '{{ $labels.job }} is down ({{ $value | humanize }})'\n"),
  templateUnclosed: alert("        annotations: {s: '{{ $labels.x '}\n"),
  templateUnknownFunction: alert("        labels: {s: '{{ nosuchfn }}'}\n"),
  templateUndefinedVariable: alert("        annotations: {s: '{{ $nosuch }}'}\n"),
  templateExternalLabels: alert("        annotations: {s: '{{ $externalLabels.x }} {{ $externalURL }}'}\n"),
  templateIfEnd: alert("        annotations: {s: '{{ if gt $value 1.0 }}high{{ else }}low{{ end }}'}\n"),
  templateMissingEnd: alert("        annotations: {s: '{{ if gt $value 1.0 }}high'}\n"),
  templateRange: alert("        annotations: {s: '{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}'}\n"),
  templateQuery: alert("        annotations: {s: '{{ with query \"up\" }}{{ . | first | value }}{{ end }}'}\n"),
  flowStyleRules: 'groups: [{name: g, rules: [{alert: A, expr: up}]}]\n',
  anchorsAndAliases: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: &e up == 0\n      - alert: B\n        expr: *e\n',
  mergeKeyInGroups: 'groups:\n  - &g\n    name: g\n    rules: []\n  - <<: *g\n    name: h\n',
  mergeKeyBringsUnknownField: 'x: &x {foo: 1}\ngroups: []\n',
  mergeKeyInRule: rules('      - &r\n        alert: A\n        expr: up\n      - <<: *r\n        alert: B\n'),
  mergeKeyInLabels: alert('        labels:\n          <<: {a: b}\n          c: d\n'),
  mergeOfScalar: 'groups:\n  - <<: 5\n    name: g\n',
  tabIndentation: 'groups:\n\t- name: g\n',
  yamlSyntaxError: 'groups:\n  - name: [\n',
  unterminatedQuote: 'groups:\n  - name: "g\n',
  badIndentation: 'groups:\n  - name: g\n     rules: []\n',
  crlfLineEnds: 'groups:\r\n  - name: g\r\n    rules:\r\n      - alert: A\r\n        expr: up\r\n',
  byteOrderMark: '\ufeffgroups: []\n',
  taggedStringName: 'groups:\n  - name: !!str g\n    rules: []\n',
  customTag: 'groups:\n  - name: !custom g\n    rules: []\n',
  // yaml.v3 (rule files) takes only true and false as booleans; yaml.v2 (unit tests) takes yes and on too.
  taggedBoolYes: alert('        labels:\n          x: !!bool yes\n'),
  taggedBoolOn: alert('        labels:\n          x: !!bool on\n'),
  taggedBoolTrue: alert('        labels:\n          x: !!bool True\n'),
  documentEndMarker: 'groups: []\n...\n',
  directive: '%YAML 1.2\n---\ngroups: []\n',
  uppercaseGroups: 'Groups: []\n',
  duplicateRecordingRules: rules('      - record: r\n        expr: up\n      - record: r\n        expr: down\n'),
  duplicateAlerts: rules('      - alert: A\n        expr: up\n      - alert: A\n        expr: down\n'),
  commentsEverywhere: '# head\ngroups: # groups\n  # before\n  - name: g # name\n    rules: [] # none\n# tail\n',
};

/** Pieces that the generator combines, each valid or invalid for rulefmt. */
const GOOD_EXPRESSIONS = generateAlertExpressions(200, 7);
const BAD_EXPRESSIONS = ['sum(rate(x[5m])', 'rate(x)', 'x[5m] > 1', 'up ==', 'sum by (job (up)', 'foo{a="b"', 'abs()', 'up offset', '1 > 2', 'x{__name__="a"}[5m:1m:1m]', '"a" + 1', 'topk(x, up)'];
const GOOD_NAMES = ['A', 'HighErrorRate', 'job:up:sum', 'x_y', ':a', '_'];
const BAD_RECORD_NAMES = ['1abc', 'a-b', 'a{b}', 'a b', 'ä'];
const GOOD_LABEL_NAMES = ['severity', 'team', '_x', 'A1'];
const BAD_LABEL_NAMES = ['1a', 'a-b', '__name__', 'ä', "''"];
const GOOD_DURATIONS = ['5m', '1h30m', '0', '0s', '30s', '1d', '100ms'];
const BAD_DURATIONS = ['5', 'five', "''", '1.5m', '30m1h', '-1m', '[1]'];
const TEMPLATES = ['{{ $labels.job }} down', '{{ $value | humanize }}', 'plain text', '{{ if $labels.x }}y{{ end }}'];
const BAD_TEMPLATES = ['{{ $labels.x ', '{{ nosuchfn }}', '{{ end }}', '{{ $undefined }}'];

export interface GeneratedCase {
  name: string;
  text: string;
}

/** `count` rule files, deterministic for a seed; about half of them hold one mistake or more. */
export function generateRuleFiles(count: number, seed: number, options: { templates: boolean }): GeneratedCase[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const quote = (s: string) => (chance(0.5) ? JSON.stringify(s) : /['\n]/.test(s) ? JSON.stringify(s) : `'${s}'`);
  const scalar = (s: string) => (/^[a-zA-Z_][a-zA-Z0-9_ ]*$/.test(s) && chance(0.5) ? s : quote(s));
  const cases: GeneratedCase[] = [];
  for (let n = 0; n < count; n++) {
    const bad = chance(0.5);
    const mistake = () => bad && chance(0.15);
    let text = 'groups:\n';
    const groupCount = 1 + Math.floor(rnd() * 3);
    const groupNames: string[] = [];
    for (let g = 0; g < groupCount; g++) {
      const name = mistake() ? pick(['', ...groupNames, 'g0']) : `g${g}`;
      groupNames.push(name);
      text += `  - name: ${name === '' ? "''" : name}\n`;
      if (chance(0.3)) text += `    interval: ${mistake() ? pick(BAD_DURATIONS) : pick(GOOD_DURATIONS)}\n`;
      if (chance(0.2)) text += `    limit: ${mistake() ? pick(['abc', "'5'", 'true', '.inf']) : pick(['0', '10', '1.5', '0x10'])}\n`;
      if (mistake()) text += `    ${pick(['labels', 'query_offset', 'unknown', 'rule'])}: x\n`;
      text += '    rules:\n';
      const ruleCount = Math.floor(rnd() * 4);
      for (let r = 0; r < ruleCount; r++) text += rule();
    }
    cases.push({ name: `generated-${seed}-${n}`, text });

    function rule(): string {
      const recording = chance(0.3);
      let out = '';
      const kind = mistake() ? pick(['both', 'neither', 'empty']) : recording ? 'record' : 'alert';
      if (kind === 'both') out += `      - alert: ${pick(GOOD_NAMES)}\n        record: r\n`;
      else if (kind === 'neither') out += '      - for: 1m\n';
      else if (kind === 'empty') out += "      - alert: ''\n";
      else if (kind === 'record') out += `      - record: ${mistake() ? scalar(pick(BAD_RECORD_NAMES)) : pick(GOOD_NAMES.filter((x) => x !== 'A' || true))}\n`;
      else out += `      - alert: ${scalar(pick(GOOD_NAMES))}\n`;
      if (!mistake() || chance(0.5)) out += `        expr: ${expression()}\n`;
      if (kind === 'alert' && chance(0.5)) out += `        for: ${mistake() ? pick(BAD_DURATIONS) : pick(GOOD_DURATIONS)}\n`;
      if (kind === 'alert' && chance(0.2)) out += `        keep_firing_for: ${pick(GOOD_DURATIONS)}\n`;
      if (kind === 'record' && mistake()) out += pick(['        for: 5m\n', '        annotations: {a: b}\n', '        keep_firing_for: 1m\n']);
      if (chance(0.5)) {
        out += '        labels:\n';
        const names = new Set<string>();
        for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) names.add(mistake() ? pick(BAD_LABEL_NAMES) : pick(GOOD_LABEL_NAMES));
        for (const name of names) out += `          ${name}: ${kind === 'alert' && options.templates && chance(0.3) ? quote(mistake() ? pick(BAD_TEMPLATES) : pick(TEMPLATES)) : scalar(pick(['page', 'critical', 'x y', '1', 'true']))}\n`;
      }
      if (kind === 'alert' && chance(0.6)) {
        out += '        annotations:\n';
        out += `          summary: ${quote(options.templates ? (mistake() ? pick(BAD_TEMPLATES) : pick(TEMPLATES)) : 'plain')}\n`;
        if (mistake()) out += `          ${pick(['1a', 'a-b'])}: x\n`;
      }
      if (mistake()) out += `        ${pick(['severity', 'summary', 'annotation', 'label'])}: x\n`;
      return out;
    }

    function expression(): string {
      const text = mistake() ? pick(BAD_EXPRESSIONS) : pick(GOOD_EXPRESSIONS);
      const style = Math.floor(rnd() * 4);
      if (style === 0) return JSON.stringify(text);
      if (style === 1) return `'${text.replaceAll("'", "''")}'`;
      if (style === 2) return `|\n          ${text.replace(/ (and|unless|\/|>|<) /, '\n            $1 ')}`;
      return `>-\n          ${text.replace(/ (and|unless) /, '\n          $1 ')}`;
    }
  }
  return cases;
}

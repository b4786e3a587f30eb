/**
 * A rule file as the editor sees it: groups and rules with their places, each rule's problems and
 * lint findings, and the problems of the file's structure. An edit inside one rule's segment
 * re-reads and re-checks that rule only (rule-splice.ts); everything after it moves by the
 * length the edit added. Any other edit reads the whole file again, with expressions, templates
 * and lint findings remembered by their text.
 */
import type { Problem } from '../../../errors.js';
import type { RuleFileInput } from '../../../check/lint.js';
import { loadRuleFile } from '../../../rules/load-rule-file.js';
import type { Rule, RuleGroup } from '../../../rules/rule.js';
import type { SourceDocument } from '../../documents/source-document.js';
import type { ChangedRegion } from '../../documents/text-diff.js';
import type { EmbeddedText } from '../../embedded/embedded-text.js';
import { recordingOrderProblems } from './recording-order.js';
import { ruleEmbedded } from './rule-embedded.js';
import type { RuleFileSetup } from './rule-file-setup.js';
import { applyDisableComments, lintFile, ruleIdentity } from './rule-lints.js';
import { ruleSegment, rulesKeyColumn, type RuleSegment } from './rule-segments.js';
import { readSegment, hasAnchorOrAlias } from './rule-splice.js';
import { shiftGroupHead, shiftLineReferences, shiftProblems, shiftRange, shiftRule } from './shift-positions.js';

export interface RuleEntry {
  rule: Rule;
  group: RuleGroup;
  /** Undefined for rules not written as block list items: edits there read the whole file. */
  segment: RuleSegment | undefined;
  /** The loader's problems inside the rule's segment. */
  problems: Problem[];
  /** Per-rule lint findings, before disable comments. */
  lints: Problem[];
}

/** A rule's segment that stopped being valid YAML while being edited: its problems stand for the rule. */
export interface BrokenSegment {
  group: RuleGroup;
  segment: RuleSegment;
  problems: Problem[];
}

export class RuleFileModel {
  readonly kind = 'rules';
  private diagnosticsCache: Problem[] | undefined;
  private fileLints: { rule: Rule; problem: Problem }[] | undefined;
  private readonly embeddedByRule = new WeakMap<Rule, { at: number; texts: EmbeddedText[] }>();
  private readonly broken: BrokenSegment[] = [];

  private constructor(
    public doc: SourceDocument,
    readonly groups: RuleGroup[],
    /** In file order. */
    readonly entries: RuleEntry[],
    /** Problems outside every rule's segment. */
    private readonly structural: Problem[],
    private readonly rulesKeyColumns: Map<RuleGroup, number | undefined>,
    private readonly setup: RuleFileSetup,
  ) {}

  /** How the last update went: `splice` when only the edited rule was read again. */
  lastUpdate: 'load' | 'splice' | 'unchanged' = 'load';

  static load(doc: SourceDocument, setup: RuleFileSetup): RuleFileModel {
    const loaded = loadRuleFile(doc.text, doc.uri, setup.loadOptions);
    const entries: RuleEntry[] = [];
    const keyColumns = new Map<RuleGroup, number | undefined>();
    for (const group of loaded.groups) {
      for (const rule of group.rules) {
        const segment = ruleSegment(doc.text, rule);
        if (!keyColumns.has(group)) keyColumns.set(group, segment && rulesKeyColumn(doc.text, segment));
        entries.push({ rule, group, segment, problems: [], lints: [] });
      }
    }
    entries.sort((a, b) => a.rule.range.start - b.rule.range.start);
    const structural: Problem[] = [];
    for (const p of loaded.problems) {
      // Problems may share a range object (two about one key); each gets its own, as they move one by one.
      const plain: Problem = { severity: p.severity, message: p.message, source: p.source, range: { ...p.range } };
      const entry = entryContaining(entries, p.range.start);
      (entry ? entry.problems : structural).push(plain);
    }
    const model = new RuleFileModel(doc, loaded.groups, entries, structural, keyColumns, setup);
    for (const entry of entries) model.lintEntry(entry);
    return model;
  }

  /** The model of the document's new version; this one, updated, when the edit allowed a splice. */
  update(doc: SourceDocument, setup: RuleFileSetup): RuleFileModel {
    if (setup !== this.setup) return RuleFileModel.load(doc, setup);
    const region = doc.changeFrom(this.doc);
    if (!region) {
      this.doc = doc;
      this.lastUpdate = 'unchanged';
      return this;
    }
    if (this.splice(doc, region)) {
      this.lastUpdate = 'splice';
      return this;
    }
    return RuleFileModel.load(doc, setup);
  }

  /** Every problem of the file, sorted by position. */
  diagnostics(): Problem[] {
    if (this.diagnosticsCache) return this.diagnosticsCache;
    const file = this.fileInput();
    this.fileLints ??= lintFile(file, this.setup.lint.config);
    const all: Problem[] = [...this.structural];
    for (const b of this.broken) all.push(...b.problems);
    for (const e of this.entries) all.push(...e.problems);
    if (file.text.includes('klaxon-disable')) {
      const lintsByRule = new Map<Rule, Problem[]>(this.entries.map((e) => [e.rule, [...e.lints]]));
      for (const { rule, problem } of this.fileLints) lintsByRule.get(rule)?.push(problem);
      all.push(...applyDisableComments(file, lintsByRule));
    } else {
      for (const e of this.entries) all.push(...e.lints);
      for (const { problem } of this.fileLints) all.push(problem);
    }
    all.push(...recordingOrderProblems(this.groups, this.doc.text, this.doc.lines));
    all.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
    this.diagnosticsCache = all;
    return all;
  }

  /** The rule whose segment (or mapping) holds the offset. */
  entryAt(offset: number): RuleEntry | undefined {
    return entryContaining(this.entries, offset, true);
  }

  /** The expression and templates of a rule, remembered per rule: rules that an edit only moved keep them. */
  embeddedOf(entry: RuleEntry): EmbeddedText[] {
    const known = this.embeddedByRule.get(entry.rule);
    if (known && known.at === entry.rule.range.start) return known.texts;
    const texts = ruleEmbedded(entry.rule, this.doc.text);
    this.embeddedByRule.set(entry.rule, { at: entry.rule.range.start, texts });
    return texts;
  }

  /** The embedded texts of the rule at the offset. */
  embeddedAt(offset: number): EmbeddedText[] {
    const entry = this.entryAt(offset);
    return entry ? this.embeddedOf(entry) : [];
  }

  /**
   * The rules that the segment of `entry` would read as after replacing [start, end) of the
   * document (inside the segment) with `newText`; the model does not change. Undefined when the
   * segment cannot be read alone.
   */
  readEntryWith(entry: RuleEntry, start: number, end: number, newText: string): Rule[] | undefined {
    const segment = entry.segment;
    const keyColumn = this.rulesKeyColumns.get(entry.group);
    if (!segment || keyColumn === undefined || start < segment.start || end > segment.end) return undefined;
    const text = this.doc.text.slice(0, start) + newText + this.doc.text.slice(end);
    const reading = readSegment({
      uri: this.doc.uri,
      text,
      start: segment.start,
      end: segment.end + newText.length - (end - start),
      lineNumber: this.doc.positionAt(segment.start).line,
      dashColumn: segment.dashColumn,
      rulesKeyColumn: keyColumn,
      options: this.setup.loadOptions,
    });
    return reading && 'rules' in reading ? reading.rules.map((r) => r.rule) : undefined;
  }

  fileInput(): RuleFileInput {
    return { file: this.doc.uri, text: this.doc.text, groups: this.groups };
  }

  private lintEntry(entry: RuleEntry): void {
    const { rule, group } = entry;
    entry.lints = this.setup.lintCache.lint(rule, this.doc.text.slice(rule.range.start, rule.range.end), group, this.fileInput(), this.setup.lint);
  }

  /**
   * The file-wide findings stay when the edit kept the rule's identity, is not about a rule they
   * name and moved no line (their messages name lines); they move with the text after the edit.
   */
  private keepOrDropFileLints(old: Rule, replacements: readonly RuleEntry[], region: ChangedRegion, text: string, delta: number): void {
    const findings = this.fileLints;
    if (!findings) return;
    const sameIdentity = replacements.length === 1 && ruleIdentity(replacements[0]!.rule) === ruleIdentity(old);
    const sameLines = countLineBreaks(this.doc.text, region.start, region.oldEnd) === countLineBreaks(text, region.start, region.newEnd);
    if (!sameIdentity || !sameLines || findings.some((f) => f.rule === old)) {
      this.fileLints = undefined;
      return;
    }
    for (const { problem } of findings) if (problem.range.start >= region.oldEnd) shiftRange(problem.range, delta);
  }

  private splice(doc: SourceDocument, region: ChangedRegion): boolean {
    const target = this.spliceTarget(region);
    if (!target) return false;
    const { group, segment } = target;
    const keyColumn = this.rulesKeyColumns.get(group);
    if (keyColumn === undefined) return false;
    if (target.entry && hasAnchorOrAlias(this.doc.text.slice(segment.start, segment.end))) return false;
    const delta = region.newEnd - region.oldEnd;
    // The segment must still end where a line starts: the lines after it are then read as before.
    const end = segment.end + delta;
    if (end < doc.text.length && doc.text[end - 1] !== '\n') return false;
    const reading = readSegment({
      uri: doc.uri,
      text: doc.text,
      start: segment.start,
      end,
      lineNumber: this.doc.positionAt(segment.start).line,
      dashColumn: segment.dashColumn,
      rulesKeyColumn: keyColumn,
      options: this.setup.loadOptions,
    });
    if (!reading) return false;

    const lastRule = group.rules[group.rules.length - 1];
    const groupEndsWithItsRules = lastRule !== undefined && group.range.end === lastRule.range.end;
    const lines = { editLine: this.doc.positionAt(region.start).line, delta: countLineBreaks(doc.text, region.start, region.newEnd) - countLineBreaks(this.doc.text, region.start, region.oldEnd) };
    this.shiftAfter(region, delta, target, lines);
    const index = target.entry ? this.entries.indexOf(target.entry) : this.entries.filter((e) => e.rule.range.start < segment.start).length;
    const ruleIndex = target.entry ? group.rules.indexOf(target.entry.rule) : group.rules.filter((r) => r.range.start < segment.start).length;
    const removed = target.entry ? 1 : 0;
    if (target.broken) this.broken.splice(this.broken.indexOf(target.broken), 1);
    const newSegment = { start: segment.start, end: segment.end + delta, dashColumn: segment.dashColumn };
    let replacements: RuleEntry[] = [];
    if ('yamlProblems' in reading) {
      this.broken.push({ group, segment: newSegment, problems: reading.yamlProblems });
      this.broken.sort((a, b) => a.segment.start - b.segment.start);
    } else {
      replacements = reading.rules.map(({ rule, segment: own, problems }) => ({ rule, group, segment: own, problems, lints: [] }));
    }
    group.rules.splice(ruleIndex, removed, ...replacements.map((r) => r.rule));
    this.entries.splice(index, removed, ...replacements);
    const newLast = group.rules[group.rules.length - 1];
    if (groupEndsWithItsRules && newLast && replacements.length > 0) group.range.end = newLast.range.end;
    else if (group.range.end >= region.oldEnd) group.range.end += delta;

    if (target.entry && replacements.length > 0) this.keepOrDropFileLints(target.entry.rule, replacements, region, doc.text, delta);
    else this.fileLints = undefined;
    this.doc = doc;
    this.diagnosticsCache = undefined;
    for (const replacement of replacements) this.lintEntry(replacement);
    return true;
  }

  /** The rule segment, or broken segment, that holds the whole changed region. */
  private spliceTarget(region: ChangedRegion): { group: RuleGroup; segment: RuleSegment; entry?: RuleEntry; broken?: BrokenSegment } | undefined {
    const holds = (segment: RuleSegment) => segment.start <= region.start && region.oldEnd <= segment.end;
    const broken = this.broken.find((b) => holds(b.segment));
    if (broken) return { group: broken.group, segment: broken.segment, broken };
    const entry = this.entries.find((e) => e.segment !== undefined && holds(e.segment));
    return entry && { group: entry.group, segment: entry.segment!, entry };
  }

  /** Moves everything after the changed region (the target itself stays) by `delta`. */
  private shiftAfter(region: ChangedRegion, delta: number, target: { entry?: RuleEntry; broken?: BrokenSegment; group: RuleGroup }, lines: { editLine: number; delta: number }): void {
    for (const later of this.entries) {
      if (later === target.entry || later.rule.range.start < region.oldEnd) continue;
      if (later.segment) shiftRange(later.segment, delta);
      shiftRule(later.rule, delta);
      shiftProblems(later.problems, delta);
      shiftProblems(later.lints, delta);
      shiftLineReferences(later.problems, lines.editLine, lines.delta);
    }
    for (const b of this.broken) {
      if (b === target.broken || b.segment.start < region.oldEnd) continue;
      shiftRange(b.segment, delta);
      shiftProblems(b.problems, delta);
      shiftLineReferences(b.problems, lines.editLine, lines.delta);
    }
    for (const p of this.structural) if (p.range.start >= region.oldEnd) shiftRange(p.range, delta);
    shiftLineReferences(this.structural, lines.editLine, lines.delta);
    for (const laterGroup of this.groups.slice(this.groups.indexOf(target.group) + 1)) shiftGroupHead(laterGroup, delta);
  }
}

/** Binary search over the entries' segments (or mappings, for rules without one). */
function entryContaining(entries: readonly RuleEntry[], offset: number, inclusiveEnd = false): RuleEntry | undefined {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const entry = entries[mid]!;
    const { start, end } = entry.segment ?? entry.rule.range;
    if (offset < start) hi = mid - 1;
    else if (offset > end || (offset === end && !inclusiveEnd)) lo = mid + 1;
    else return entry;
  }
  return undefined;
}

function countLineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', start); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * A recursive-descent parser for Go's text/template, hand-written rather than built on Chevrotain:
 * the grammar is decided token by token with Go's own look-ahead (`$x :=` against `$x arg`,
 * `{{else if}}`, `{{define}}` only at the top level), variables and function names are checked
 * while parsing, the first error ends parsing, and every message must be Go's own text with Go's
 * line number. Mirroring Go's parser keeps all of that exact; a grammar toolkit's recovery and
 * messages would have to be undone at every rule.
 */
import type { TextRange } from '../promql/ast.js';
import { LineIndex } from '../text/line-index.js';
import type {
  ArgNode, BranchNode, CommandNode, ListNode, Node, NumberNode, ParsedTemplate, PipeNode, TemplateTree, VariableNode,
} from './ast.js';
import { goQuote, goUnquote } from '../text/go-quote.js';
import { KEYWORDS, lex, type Token, type TokenKind } from './lexer.js';
import { numberConstant } from './number-constant.js';
import { nodeString } from './node-string.js';
import { firstRunes, utf8Length } from '../text/utf8.js';

export interface ParseOptions {
  /** The template's name, as Go's messages show it. */
  name: string;
  /** Names of the functions the template may call (builtins included). */
  functions: ReadonlySet<string>;
  /** Deepest nesting of control structures and parentheses accepted; deeper is an error. */
  maxDepth?: number;
  /**
   * The text continues a prelude that parsePrelude read, as Prometheus's alert templates continue
   * its variable header: parsing the text alone then gives the same outcome as parsing the prelude
   * and the text together, with offsets into the text.
   */
  prelude?: TemplatePrelude;
}

/** What the rest of a template needs to know of the text before it: its top-level state. */
export interface TemplatePrelude {
  /** The variables in scope at its end, `$` first. */
  readonly variables: readonly string[];
  /** Whether it holds more than spaces, so that the main template is never empty. */
  readonly hasContent: boolean;
}

export const DEFAULT_MAX_PARSE_DEPTH = 200;

/** A parse error: Go's message and the offending text. */
export class TemplateParseFailure extends Error {
  constructor(message: string, readonly range: TextRange) {
    super(message);
  }
}

/** Parses `text`; throws TemplateParseFailure on the first error. */
export function parseTemplateText(text: string, options: ParseOptions): ParsedTemplate {
  const tokens = lex(text, {
    breakOK: !options.functions.has('break'),
    continueOK: !options.functions.has('continue'),
  });
  const trees = new Map<string, TemplateTree>();
  new Parser(text, tokens, options, trees).parseTop();
  return { name: options.name, text, trees };
}

/** Parses a prelude such as Prometheus's alert template header; throws TemplateParseFailure on errors. */
export function parsePrelude(text: string, options: ParseOptions): TemplatePrelude {
  const tokens = lex(text, { breakOK: !options.functions.has('break'), continueOK: !options.functions.has('continue') });
  return new Parser(text, tokens, options, new Map()).parseTop();
}

type EndOrElse = { type: 'end' | 'else'; token: Token };

/** The variables in scope and the range nesting of one template body. */
interface Scope {
  vars: string[];
  rangeDepth: number;
}

class Parser {
  private i = 0;
  private furthest = 0;
  private lastEnd = 0;
  private depth = 0;
  private lines: LineIndex | undefined;
  /** Where the action being parsed started (-1: none), for "unclosed action started at" messages. */
  private actionStart = -1;
  private scope: Scope;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly options: ParseOptions,
    private readonly trees: Map<string, TemplateTree>,
  ) {
    this.scope = { vars: options.prelude ? [...options.prelude.variables] : ['$'], rangeDepth: 0 };
  }

  // --- Token stream -------------------------------------------------------------------------

  private next(): Token {
    const index = Math.min(this.i, this.tokens.length - 1);
    const token = this.tokens[index]!;
    this.i++;
    this.furthest = Math.max(this.furthest, index);
    if (token.kind !== 'space') this.lastEnd = token.end;
    return token;
  }

  private backup(count = 1): void {
    this.i -= count;
  }

  private nextNonSpace(): Token {
    let token: Token;
    do token = this.next();
    while (token.kind === 'space');
    return token;
  }

  private peek(): Token {
    const token = this.next();
    this.backup();
    return token;
  }

  private peekNonSpace(): Token {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  private expect(kind: TokenKind, context: string): Token {
    const token = this.nextNonSpace();
    if (token.kind !== kind) this.unexpected(token, context);
    return token;
  }

  // --- Errors -------------------------------------------------------------------------------

  private lineOf(offset: number): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.position(offset).line + 1;
  }

  /** Go reports the line of the most recently read token. */
  private fail(message: string, range?: TextRange): never {
    const current = this.tokens[Math.min(this.furthest, this.tokens.length - 1)]!;
    const where = range ?? { start: current.start, end: current.end };
    throw new TemplateParseFailure(`template: ${this.options.name}:${this.lineOf(current.start)}: ${message}`, where);
  }

  private unexpected(token: Token, context: string): never {
    const range = token.highlight ?? { start: token.start, end: token.end };
    if (token.kind === 'error') {
      let extra = '';
      const line = this.lineOf(token.start);
      const actionLine = this.actionStart < 0 ? 0 : this.lineOf(this.actionStart);
      if (actionLine !== 0 && actionLine !== line) {
        extra = ` in action started at ${this.options.name}:${actionLine}`;
        if (token.text.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.fail(token.text + extra, range);
    }
    this.fail(`unexpected ${describe(token)} in ${context}`, range);
  }

  private enter(at: Token): void {
    const max = this.options.maxDepth ?? DEFAULT_MAX_PARSE_DEPTH;
    if (++this.depth > max) this.fail(`nesting deeper than ${max} levels`, { start: at.start, end: at.end });
  }

  private leave(): void {
    this.depth--;
  }

  // --- Templates ----------------------------------------------------------------------------

  /** The whole text: definitions and the main template; returns its top-level state. */
  parseTop(): TemplatePrelude {
    const nodes: Node[] = [];
    const first = this.peek();
    while (this.peek().kind !== 'eof') {
      if (this.peek().kind === 'leftDelim') {
        const mark = this.i;
        const delim = this.next();
        if (this.nextNonSpace().kind === 'define') {
          this.parseDefinition(delim);
          continue;
        }
        this.i = mark;
      }
      const node = this.textOrAction();
      if ('token' in node) this.fail(`unexpected ${node.type === 'end' ? '{{end}}' : '{{else}}'}`);
      nodes.push(node);
    }
    const root = list(nodes, first.start);
    const hasContent = this.options.prelude?.hasContent === true || !isEmptyTree(root);
    this.addTree(this.options.name, root, hasContent);
    return { variables: [...this.scope.vars], hasContent };
  }

  private addTree(name: string, root: ListNode, hasContent = !isEmptyTree(root)): void {
    const existing = this.trees.get(name);
    if (!existing || isEmptyTree(existing.root)) {
      this.trees.set(name, { name, root });
      return;
    }
    if (hasContent) this.fail(`template: multiple definition of template ${goQuote(name)}`);
  }

  /** `{{define "name"}} ... {{end}}`, after `define`. */
  private parseDefinition(delim: Token): void {
    const context = 'define clause';
    const nameToken = this.nextNonSpace();
    if (nameToken.kind !== 'string' && nameToken.kind !== 'rawString') this.unexpected(nameToken, context);
    const name = this.unquote(nameToken);
    this.expect('rightDelim', context);
    const outer = this.scope;
    this.scope = { vars: ['$'], rangeDepth: 0 };
    this.enter(delim);
    const { list: root, next } = this.itemList();
    this.leave();
    if (next.type !== 'end') this.fail(`unexpected {{else}} in ${context}`);
    this.scope = outer;
    this.addTree(name, root);
  }

  /** Nodes up to `{{end}}` or `{{else}}`. */
  private itemList(): { list: ListNode; next: EndOrElse } {
    const nodes: Node[] = [];
    const start = this.peekNonSpace().start;
    while (this.peekNonSpace().kind !== 'eof') {
      const node = this.textOrAction();
      if ('token' in node) return { list: list(nodes, start), next: node };
      nodes.push(node);
    }
    this.fail('unexpected EOF');
  }

  private textOrAction(): Node | EndOrElse {
    const token = this.nextNonSpace();
    switch (token.kind) {
      case 'text':
        return { type: 'text', text: token.text, pos: token.start, range: { start: token.start, end: token.end } };
      case 'leftDelim': {
        const saved = this.actionStart;
        this.actionStart = token.start;
        try {
          return this.action(token);
        } finally {
          this.actionStart = saved;
        }
      }
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(delim: Token): Node | EndOrElse {
    const token = this.nextNonSpace();
    switch (token.kind) {
      case 'block':
        return this.blockControl(delim);
      case 'break':
      case 'continue':
        return this.breakControl(delim, token);
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', token: this.expect('rightDelim', 'end') };
      case 'if':
      case 'range':
      case 'with':
        return this.control(delim, token.kind);
      case 'template':
        return this.templateControl(delim);
    }
    this.backup();
    const first = this.peek();
    const pipe = this.pipeline('command', 'rightDelim');
    return { type: 'action', pipe, pos: first.start, range: { start: delim.start, end: this.lastEnd } };
  }

  private breakControl(delim: Token, keyword: Token): Node {
    const name = keyword.kind as 'break' | 'continue';
    const token = this.nextNonSpace();
    if (token.kind !== 'rightDelim') this.unexpected(token, `{{${name}}}`);
    if (this.scope.rangeDepth === 0) this.fail(`{{${name}}} outside {{range}}`);
    return { type: name, pos: keyword.start, range: { start: delim.start, end: token.end } };
  }

  private elseControl(): EndOrElse {
    const peek = this.peekNonSpace();
    if (peek.kind === 'if' || peek.kind === 'with') return { type: 'else', token: peek };
    return { type: 'else', token: this.expect('rightDelim', 'else') };
  }

  /** `if`, `range` and `with`, after the keyword, through the matching `{{end}}`. */
  private control(delim: Token, kind: 'if' | 'range' | 'with'): BranchNode {
    this.enter(delim);
    const mark = this.scope.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.scope.rangeDepth++;
    const body = this.itemList();
    if (kind === 'range') this.scope.rangeDepth--;
    let elseList: ListNode | undefined;
    if (body.next.type === 'else') {
      const nested = this.peek().kind;
      if ((kind === 'if' && nested === 'if') || (kind === 'with' && nested === 'with')) {
        const keyword = this.next();
        const inner = this.control(delim, kind);
        inner.range = { start: keyword.start, end: inner.range.end };
        elseList = { type: 'list', nodes: [inner], pos: body.next.token.start, range: inner.range };
      } else {
        const rest = this.itemList();
        if (rest.next.type !== 'end') this.fail('expected end; found {{else}}');
        elseList = rest.list;
      }
    }
    this.scope.vars.length = mark;
    this.leave();
    return { type: kind, pipe, list: body.list, elseList, pos: pipe.pos, range: { start: delim.start, end: this.lastEnd } };
  }

  private blockControl(delim: Token): Node {
    const context = 'block clause';
    const nameToken = this.nextNonSpace();
    const name = this.templateName(nameToken, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const outer = this.scope;
    this.scope = { vars: ['$'], rangeDepth: 0 };
    this.enter(delim);
    const body = this.itemList();
    this.leave();
    if (body.next.type !== 'end') this.fail(`unexpected {{else}} in ${context}`);
    this.scope = outer;
    this.addTree(name, body.list);
    return { type: 'template', name, pipe, pos: nameToken.start, range: { start: delim.start, end: this.lastEnd } };
  }

  private templateControl(delim: Token): Node {
    const context = 'template clause';
    const nameToken = this.nextNonSpace();
    const name = this.templateName(nameToken, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().kind !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', name, pipe, pos: nameToken.start, range: { start: delim.start, end: this.lastEnd } };
  }

  private templateName(token: Token, context: string): string {
    if (token.kind !== 'string' && token.kind !== 'rawString') this.unexpected(token, context);
    return this.unquote(token);
  }

  private unquote(token: Token): string {
    try {
      return goUnquote(token.text);
    } catch {
      this.fail('invalid syntax', { start: token.start, end: token.end });
    }
  }

  // --- Pipelines ----------------------------------------------------------------------------

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', isAssign: false, decl: [], cmds: [], pos: first.start, range: { start: first.start, end: first.start } };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.kind === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.kind) {
        case 'bool': case 'charConstant': case 'complex': case 'dot': case 'field': case 'identifier':
        case 'number': case 'nil': case 'rawString': case 'string': case 'variable': case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          pipe.range.end = this.lastEnd;
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  /** `$x :=`, `$x =` and `$i, $e :=` at the start of a pipeline. */
  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.kind !== 'variable') return;
      const variableIndex = this.i;
      this.next();
      const next = this.peekNonSpace();
      const variable: VariableNode = { type: 'variable', ident: [v.text], pos: v.start, range: { start: v.start, end: v.end } };
      if (next.kind === 'assign' || next.kind === 'declare') {
        pipe.isAssign = next.kind === 'assign';
        this.nextNonSpace();
        pipe.decl.push(variable);
        this.scope.vars.push(v.text);
        return;
      }
      if (next.kind === 'char' && next.text === ',') {
        this.nextNonSpace();
        pipe.decl.push(variable);
        this.scope.vars.push(v.text);
        if (context === 'range' && pipe.decl.length < 2) {
          const following = this.peekNonSpace().kind;
          if (following === 'variable' || following === 'rightDelim' || following === 'rightParen') continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      }
      // Not a declaration but an operand: read it again as one.
      this.i = variableIndex;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const cmd = pipe.cmds[i]!;
      const kind = cmd.args[0]!.type;
      if (kind === 'bool' || kind === 'dot' || kind === 'nil' || kind === 'number' || kind === 'string') {
        this.fail(`non executable command in pipeline stage ${i + 1}`, cmd.range);
      }
    }
  }

  private command(): CommandNode {
    const first = this.peekNonSpace();
    const cmd: CommandNode = { type: 'command', args: [], pos: first.start, range: { start: first.start, end: first.start } };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) {
        cmd.args.push(operand);
        cmd.range.end = operand.range.end;
      }
      const token = this.next();
      if (token.kind === 'space') continue;
      if (token.kind === 'rightDelim' || token.kind === 'rightParen') this.backup();
      else if (token.kind !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().kind !== 'field') return node;
    const chainPos = this.peek().start;
    const fields: string[] = [];
    while (this.peek().kind === 'field') fields.push(this.next().text.slice(1));
    const range = { start: node.range.start, end: this.lastEnd };
    switch (node.type) {
      case 'field':
        return { type: 'field', ident: [...node.ident, ...fields], pos: chainPos, range };
      case 'variable':
        return { type: 'variable', ident: [...node.ident, ...fields], pos: chainPos, range };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        this.fail(`unexpected . after term ${goQuote(nodeString(node))}`, range);
      default:
        return { type: 'chain', node, fields, pos: chainPos, range };
    }
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    const range = { start: token.start, end: token.end };
    const pos = token.start;
    switch (token.kind) {
      case 'identifier':
        if (!this.options.functions.has(token.text)) this.fail(`function ${goQuote(token.text)} not defined`, range);
        return { type: 'identifier', name: token.text, pos, range };
      case 'dot':
        return { type: 'dot', pos, range };
      case 'nil':
        return { type: 'nil', pos, range };
      case 'variable':
        if (!this.scope.vars.includes(token.text)) this.fail(`undefined variable ${goQuote(token.text)}`, range);
        return { type: 'variable', ident: [token.text], pos, range };
      case 'field':
        return { type: 'field', ident: [token.text.slice(1)], pos, range };
      case 'bool':
        return { type: 'bool', value: token.text === 'true', pos, range };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.number(token);
      case 'leftParen': {
        this.enter(token);
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        this.leave();
        pipe.range = { start: token.start, end: this.lastEnd };
        return pipe;
      }
      case 'string':
      case 'rawString':
        return { type: 'string', quoted: token.text, text: this.unquote(token), pos, range };
    }
    this.backup();
    return undefined;
  }

  private number(token: Token): NumberNode {
    const range = { start: token.start, end: token.end };
    const result = numberConstant(token.text, token.kind as 'charConstant' | 'complex' | 'number');
    if (typeof result === 'string') this.fail(result, range);
    return { ...result, type: 'number', text: token.text, pos: token.start, range };
  }
}

function list(nodes: Node[], start: number): ListNode {
  const end = nodes.at(-1)?.range.end ?? start;
  return { type: 'list', nodes, pos: start, range: { start: nodes[0]?.range.start ?? start, end } };
}

/** A tree that only holds spaces (and comments), which a later definition may replace. */
function isEmptyTree(node: Node): boolean {
  switch (node.type) {
    case 'list':
      return node.nodes.every(isEmptyTree);
    case 'text':
      return node.text.trim() === '';
    default:
      return false;
  }
}

/** A token as Go's parser names it in "unexpected" messages. */
function describe(token: Token): string {
  if (token.kind === 'eof') return 'EOF';
  if (token.kind === 'error') return token.text;
  if (KEYWORDS.has(token.kind)) return `<${token.text}>`;
  if (utf8Length(token.text) > 10) return goQuote(firstRunes(token.text, 10)) + '...';
  return goQuote(token.text);
}

/**
 * Executes a parsed template on data the way Go's text/template does: the same evaluation of
 * fields, variables, pipelines and function calls, the same truth, the same printing, and the
 * same error messages with Go's `name:line:column` locations. Guarded against runaway templates
 * by a step budget, an output limit and a template call depth limit.
 */
import type {
  ArgNode, BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, Node, NumberNode, ParsedTemplate,
  PipeNode, TemplateNode, VariableNode,
} from './ast.js';
import { BUILTINS, callFunction, truth, type FunctionMap } from './builtins.js';
import { formatValue } from './go-format.js';
import { goQuote } from '../text/go-quote.js';
import {
  asMap, BOOL, FLOAT64, GoComplex, GoFunc, GoMap, GoStruct, GoUint, INT, isTrue, kindOf, REFLECT_VALUE, ANY, sliceItems,
  STRING, typeName, type GoType, type GoValue,
} from './go-values.js';
import { nodeString } from './node-string.js';
import { TemplateExecError } from './template-error.js';
import { toGo } from './to-go.js';
import { LineIndex } from '../text/line-index.js';
import { utf8Length, withoutEscapedBytes } from '../text/utf8.js';

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error';

export interface ExecuteOptions {
  /** What a missing map key gives: Go's `missingkey` option. Default `default` (`<no value>`). */
  missingKey?: MissingKey;
  /** The most evaluation steps (nodes walked, commands run, iterations) before execution stops. */
  maxSteps?: number;
  /** The deepest nesting of `{{template}}` calls. */
  maxTemplateDepth?: number;
  /** The longest output, in UTF-16 code units. */
  maxOutputLength?: number;
}

export const DEFAULT_MAX_STEPS = 1_000_000;
export const DEFAULT_MAX_TEMPLATE_DEPTH = 200;
export const DEFAULT_MAX_OUTPUT_LENGTH = 16 * 1024 * 1024;

/** The marker for "no value comes from the previous command of the pipeline". */
const MISSING = Symbol('missing');
type Final = GoValue | typeof MISSING;

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

interface Variable {
  name: string;
  value: GoValue;
}

/** Runs template `name` (default: the top-level one) of `template` on `data`; throws only TemplateExecError. */
export function executeParsed(
  template: ParsedTemplate,
  data: unknown,
  funcs: FunctionMap,
  options: ExecuteOptions = {},
  name = template.name,
): string {
  const state = new State(template, funcs, options, name, toGo(data ?? undefined));
  try {
    return state.run();
  } catch (e) {
    if (e instanceof TemplateExecError) throw e;
    // A stack overflow from pathological data, or a bug: still only TemplateExecError leaves.
    throw state.error(failureReason(e));
  }
}

class State {
  private out: string[] = [];
  private outLength = 0;
  private node: Node | ArgNode | CommandNode | undefined;
  private vars: Variable[];
  private depth = 0;
  private steps = 0;
  private readonly lines: LineIndex;
  private readonly maxSteps: number;
  private readonly maxDepth: number;
  private readonly maxOutput: number;
  private readonly missingKey: MissingKey;

  constructor(
    private readonly template: ParsedTemplate,
    private readonly funcs: FunctionMap,
    options: ExecuteOptions,
    private tmplName: string,
    private readonly data: GoValue,
  ) {
    this.vars = [{ name: '$', value: data }];
    this.lines = new LineIndex(template.text);
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    this.maxDepth = options.maxTemplateDepth ?? DEFAULT_MAX_TEMPLATE_DEPTH;
    this.maxOutput = options.maxOutputLength ?? DEFAULT_MAX_OUTPUT_LENGTH;
    this.missingKey = options.missingKey ?? 'default';
  }

  run(): string {
    const tree = this.template.trees.get(this.tmplName);
    if (!tree) this.errorf(`${goQuote(this.tmplName)} is an incomplete or empty template`);
    this.walk(this.data, tree.root);
    return withoutEscapedBytes(this.out.join(''));
  }

  // --- Errors -------------------------------------------------------------------------------

  error(message: string): TemplateExecError {
    const node = this.node;
    if (!node) return new TemplateExecError(`template: ${this.tmplName}: ${message}`, { start: 0, end: 0 });
    const { line, column } = this.lines.position(node.pos);
    const lineStart = node.pos - column;
    const byteColumn = utf8Length(this.template.text.slice(lineStart, node.pos));
    const location = `${this.template.name}:${line + 1}:${byteColumn}`;
    return new TemplateExecError(
      `template: ${location}: executing ${goQuote(this.tmplName)} at <${nodeString(node)}>: ${message}`,
      node.range,
    );
  }

  private errorf(message: string): never {
    throw this.error(message);
  }

  private at(node: Node | ArgNode | CommandNode): void {
    this.node = node;
  }

  private step(): void {
    if (++this.steps > this.maxSteps) this.errorf(`execution stopped after ${this.maxSteps} steps`);
  }

  private write(text: string): void {
    this.outLength += text.length;
    if (this.outLength > this.maxOutput) this.errorf(`output longer than ${this.maxOutput} characters`);
    this.out.push(text);
  }

  // --- Variables ----------------------------------------------------------------------------

  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: GoValue): void {
    this.vars[this.vars.length - n]!.value = value;
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }

  // --- Walking ------------------------------------------------------------------------------

  private walk(dot: GoValue, node: Node): void {
    this.at(node);
    this.step();
    switch (node.type) {
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        for (const child of node.nodes) this.walk(dot, child);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        return this.write(node.text);
    }
  }

  private walkIfOrWith(dot: GoValue, node: BranchNode): void {
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, node.pipe);
      if (isTrue(value).truth) this.walk(node.type === 'with' ? value : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: GoValue, r: BranchNode): void {
    this.at(r);
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, r.pipe);
      const val = value instanceof GoStruct ? value.deref() : value;
      const bodyMark = this.vars.length;
      const decl = r.pipe.decl;
      /** Returns false when the body broke out of the loop. */
      const iteration = (index: GoValue, elem: GoValue): boolean => {
        this.step();
        if (decl.length > 0) {
          if (!r.pipe.isAssign) this.setTopVar(1, elem);
          else this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
        }
        if (decl.length > 1) {
          if (!r.pipe.isAssign) this.setTopVar(2, index);
          else this.setVar(decl[1]!.ident[0]!, elem);
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = bodyMark;
        }
        return true;
      };
      let ran = false;
      switch (kindOf(val)) {
        case 'slice': {
          const items = sliceItems(val)!;
          for (let i = 0; i < items.length; i++) {
            ran = true;
            if (!iteration(BigInt(i), toGo(items[i]))) return;
          }
          break;
        }
        case 'int':
        case 'uint': {
          if (decl.length > 1) this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
          const unsigned = val instanceof GoUint;
          const n = unsigned ? val.value : (val as bigint);
          for (let i = 0n; i < n; i++) {
            ran = true;
            if (!iteration(undefined, unsigned ? new GoUint(i, val.typeName) : i)) return;
          }
          break;
        }
        case 'map': {
          const map = asMap(val)!;
          for (const key of map.sortedKeys()) {
            ran = true;
            if (!iteration(key, toGo(map.get(key)))) return;
          }
          break;
        }
        case 'invalid':
          break;
        default:
          this.errorf(`range can't iterate over ${formatValue(val)}`);
      }
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkTemplate(dot: GoValue, t: TemplateNode): void {
    this.at(t);
    const tree = this.template.trees.get(t.name);
    if (!tree) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= this.maxDepth) this.errorf(`exceeded maximum template depth (${this.maxDepth})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    const saved = { name: this.tmplName, vars: this.vars, node: this.node };
    this.tmplName = t.name;
    this.vars = [{ name: '$', value: newDot }];
    this.depth++;
    try {
      this.walk(newDot, tree.root);
    } finally {
      this.depth--;
      this.tmplName = saved.name;
      this.vars = saved.vars;
    }
    this.node = saved.node;
  }

  private printValue(node: Node, value: GoValue): void {
    this.at(node);
    if (value === undefined) return this.write('<no value>');
    if (kindOf(value) === 'func') this.errorf(`can't print ${nodeString(node)} of type ${typeName(value)}`);
    this.write(formatValue(value instanceof GoStruct ? value.deref() : value));
  }

  // --- Evaluation ---------------------------------------------------------------------------

  private evalPipeline(dot: GoValue, pipe: PipeNode | undefined): GoValue {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil interface{} result has no dynamic value: Go unwraps it to the invalid value.
      if (value === null) value = undefined;
    }
    const result = value as GoValue;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, result);
      else this.vars.push({ name: variable.ident[0]!, value: result });
    }
    return result;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    this.step();
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  /** A number constant where no type is expected: float if written like one, else int. */
  private idealConstant(constant: NumberNode): GoValue {
    this.at(constant);
    const text = constant.text;
    if (constant.isComplex) return new GoComplex(constant.complex.re, constant.complex.im);
    const hexInt = /^0[xX]/.test(text) && !/[pP]/.test(text);
    if (constant.isFloat && !hexInt && !text.startsWith("'") && /[.eEpP]/.test(text)) return constant.float;
    if (constant.isInt) return constant.int;
    if (constant.isUint) this.errorf(`${text} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: GoValue, field: FieldNode, args: readonly ArgNode[], final: Final): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: GoValue, chain: ChainNode, args: readonly ArgNode[], final: Final): GoValue {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final);
  }

  private evalVariableNode(dot: GoValue, variable: VariableNode, args: readonly ArgNode[], final: Final): GoValue {
    this.at(variable);
    const value = this.varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args.length > 0 ? args : [variable], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: GoValue, receiver: GoValue, node: ArgNode, ident: readonly string[], args: readonly ArgNode[], final: Final,
  ): GoValue {
    let current = receiver;
    for (let i = 0; i < ident.length - 1; i++) current = this.evalField(dot, ident[i]!, node, [], MISSING, current);
    return this.evalField(dot, ident[ident.length - 1]!, node, args, final, current);
  }

  private evalFunction(dot: GoValue, node: IdentifierNode, cmd: ArgNode | CommandNode, args: readonly ArgNode[], final: Final): GoValue {
    this.at(node);
    const name = node.name;
    const own = Object.hasOwn(this.funcs, name) ? this.funcs[name] : undefined;
    const fn = own ?? (Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined);
    if (!fn) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, fn, own === undefined, cmd, name, args, final);
  }

  /** `.Name` on a receiver: a method, a struct field or a map key. */
  private evalField(
    dot: GoValue, fieldName: string, node: ArgNode, args: readonly ArgNode[], final: Final, receiver: GoValue,
  ): GoValue {
    if (receiver === undefined) {
      if (this.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    const type = typeName(receiver);
    if (receiver === null) this.errorf(`nil pointer evaluating ${type}.${fieldName}`);
    const method = methodOf(receiver, fieldName);
    if (method) return this.evalCall(dot, method, false, node, fieldName, args, final);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver instanceof GoStruct) {
      const fields = receiver.deref().fields;
      if (fields.has(fieldName)) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return toGo(fields.get(fieldName));
      }
    } else if (kindOf(receiver) === 'map') {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const map = asMap(receiver)!;
      if (map.has(fieldName)) return toGo(map.get(fieldName));
      switch (this.missingKey) {
        case 'zero':
          return map.elem.zero;
        case 'error':
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
        default:
          return undefined;
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${type}`);
  }

  private evalCall(
    dot: GoValue, fn: GoFunc, isBuiltin: boolean, node: ArgNode | CommandNode, name: string,
    args: readonly ArgNode[], final: Final,
  ): GoValue {
    const argNodes = args.slice(1);
    const numIn = argNodes.length + (final === MISSING ? 0 : 1);
    const fixed = fn.variadic ? fn.params.length : argNodes.length;
    if (fn.variadic) {
      if (numIn < fixed) this.errorf(`wrong number of args for ${name}: want at least ${fixed} got ${argNodes.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: GoValue;
      for (const arg of argNodes) {
        v = this.evalArg(dot, REFLECT_VALUE, arg);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }

    const argv: GoValue[] = [];
    let i = 0;
    for (; i < fixed && i < argNodes.length; i++) argv.push(this.evalArg(dot, fn.params[i], argNodes[i]!));
    if (fn.variadic) for (; i < argNodes.length; i++) argv.push(this.evalArg(dot, fn.variadic, argNodes[i]!));
    if (final !== MISSING) {
      const type = fn.variadic
        ? numIn - 1 < fixed ? fn.params[numIn - 1]! : fn.variadic
        : fn.params[fn.params.length - 1]!;
      argv.push(this.validateType(final, type));
    }

    let result: GoValue;
    try {
      if (isBuiltin && name === 'call') {
        const callee = argNodes.length > 0 ? nodeString(argNodes[0]!) : `<${typeName(final as GoValue)} Value>`;
        result = callFunction(callee, argv);
      } else {
        result = fn.fn(argv);
      }
    } catch (e) {
      this.at(node);
      this.errorf(`error calling ${name}: ${errorText(e)}`);
    }
    if (typeof result === 'string' && result.length > this.maxOutput) {
      this.at(node);
      this.errorf(`error calling ${name}: result longer than ${this.maxOutput} characters`);
    }
    return result;
  }

  /** Evaluates an argument for a parameter of type `type` (undefined: no particular type). */
  private evalArg(dot: GoValue, type: GoType | undefined, n: ArgNode): GoValue {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type === undefined || type.canBeNil) return type?.zero;
        this.errorf(`cannot assign nil to ${type.name}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, [], MISSING), type);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), type);
    }
    switch (type) {
      case BOOL:
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      case FLOAT64:
        if (n.type === 'number' && n.isFloat) return n.float;
        this.errorf(`expected float; found ${nodeString(n)}`);
      case INT:
        if (n.type === 'number' && n.isInt) return n.int;
        this.errorf(`expected integer; found ${nodeString(n)}`);
      case STRING:
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      case ANY:
      case REFLECT_VALUE:
        return this.evalEmptyInterface(n);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${type?.name ?? 'interface {}'}`);
  }

  private evalEmptyInterface(n: ArgNode): GoValue {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
      default:
        this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
    }
  }

  /** Checks a value against a parameter type as Go's validateType does. */
  private validateType(value: GoValue, type: GoType | undefined): GoValue {
    if (value === undefined) {
      if (type === undefined) return undefined;
      if (type.canBeNil) return type.zero;
      this.errorf(`invalid value; expected ${type.name}`);
    }
    if (type === undefined || type === REFLECT_VALUE || type.accepts(value)) return value;
    if (value instanceof GoStruct && value.pointer && type.accepts(value.deref())) return value.deref();
    if (value instanceof GoStruct && !value.pointer && type.accepts(value.withPointer(true))) return value.withPointer(true);
    this.errorf(`wrong type for value; expected ${type.name}; got ${typeName(value)}`);
  }
}

function methodOf(receiver: GoValue, name: string): GoFunc | undefined {
  if (receiver instanceof GoStruct) return receiver.method(name);
  if (receiver instanceof GoMap && Object.hasOwn(receiver.methods, name)) return receiver.methods[name];
  return undefined;
}

/** What went wrong when something other than a template error escaped execution. */
function failureReason(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'execution nested too deeply';
  if (e instanceof RangeError) return e.message;
  return `internal error: ${errorText(e)}`;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

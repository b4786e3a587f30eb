/**
 * The parse tree of a template, shaped like Go's text/template/parse. Every node has `pos`, the
 * offset Go reports in messages (for `.A.B` that is where `.B` starts, as in Go), and `range`, the
 * whole text of the node, for editors. Offsets are UTF-16 code units into the template text.
 */
import type { TextRange } from '../promql/ast.js';

interface NodeBase {
  pos: number;
  range: TextRange;
}

export interface ListNode extends NodeBase {
  type: 'list';
  nodes: Node[];
}

export interface TextNode extends NodeBase {
  type: 'text';
  text: string;
}

export interface ActionNode extends NodeBase {
  type: 'action';
  pipe: PipeNode;
}

export interface BranchNode extends NodeBase {
  type: 'if' | 'range' | 'with';
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

export interface TemplateNode extends NodeBase {
  type: 'template';
  name: string;
  pipe?: PipeNode;
}

export interface BreakNode extends NodeBase {
  type: 'break' | 'continue';
}

/** A node of a template body. */
export type Node = ListNode | TextNode | ActionNode | BranchNode | TemplateNode | BreakNode;

export interface PipeNode extends NodeBase {
  type: 'pipe';
  /** `$x = ...` rather than `$x := ...`. */
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}

export interface CommandNode extends NodeBase {
  type: 'command';
  args: ArgNode[];
}

/** `.A.B`: the identifiers without their dots. */
export interface FieldNode extends NodeBase {
  type: 'field';
  ident: string[];
}

/** `$x.A.B`: `ident[0]` is the variable name with its `$`. */
export interface VariableNode extends NodeBase {
  type: 'variable';
  ident: string[];
}

/** `(pipeline).A.B` or another term followed by fields. */
export interface ChainNode extends NodeBase {
  type: 'chain';
  node: ArgNode;
  fields: string[];
}

export interface IdentifierNode extends NodeBase {
  type: 'identifier';
  name: string;
}

export interface DotNode extends NodeBase {
  type: 'dot';
}

export interface NilNode extends NodeBase {
  type: 'nil';
}

export interface BoolNode extends NodeBase {
  type: 'bool';
  value: boolean;
}

export interface StringNode extends NodeBase {
  type: 'string';
  /** The literal as written, quotes included. */
  quoted: string;
  text: string;
}

/** A number constant and every Go type it fits, as parse.NumberNode records them. */
export interface NumberNode extends NodeBase {
  type: 'number';
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  uint: bigint;
  float: number;
  complex: { re: number; im: number };
}

export type ArgNode =
  | FieldNode | VariableNode | ChainNode | IdentifierNode | DotNode | NilNode | BoolNode | StringNode | NumberNode
  | PipeNode;

/** One named template: the top-level text or a `{{define}}`/`{{block}}`. */
export interface TemplateTree {
  name: string;
  root: ListNode;
}

/** The result of parsing one text: its templates by name; `name` is the top-level one. */
export interface ParsedTemplate {
  name: string;
  text: string;
  trees: ReadonlyMap<string, TemplateTree>;
}

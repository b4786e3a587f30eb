/**
 * The alert labels a label or annotation template reads: `$labels.x`, `.Labels.x` and
 * `index $labels "x"`, with their ranges in the template text. References guarded by an `if` or
 * `with` on the same label are left out: such templates already expect the label to be missing.
 */
import type { TextRange } from '../../promql/ast.js';
import type { ArgNode, BranchNode, ListNode, Node, ParsedTemplate, PipeNode } from '../../template/ast.js';

export interface LabelReference {
  label: string;
  /** In the template text as written (without Prometheus's header). */
  range: TextRange;
}

/** The references in a template parsed by parseAlertTemplateBody. */
export function templateLabelReferences(template: ParsedTemplate): LabelReference[] {
  const found: LabelReference[] = [];
  const walker = new ReferenceWalker((label, range) => found.push({ label, range }));
  for (const tree of template.trees.values()) walker.list(tree.root, new Set(), false);
  return found;
}

class ReferenceWalker {
  constructor(private readonly report: (label: string, range: TextRange) => void) {}

  /** `guarded`: labels tested by enclosing conditions; `dotMoved`: inside `range`/`with`, where `.` is no longer the alert data. */
  list(list: ListNode, guarded: ReadonlySet<string>, dotMoved: boolean): void {
    for (const node of list.nodes) this.node(node, guarded, dotMoved);
  }

  private node(node: Node, guarded: ReadonlySet<string>, dotMoved: boolean): void {
    switch (node.type) {
      case 'list':
        this.list(node, guarded, dotMoved);
        return;
      case 'action':
        this.pipe(node.pipe, guarded, dotMoved);
        return;
      case 'if':
      case 'with':
      case 'range':
        this.branch(node, guarded, dotMoved);
        return;
      case 'template':
        if (node.pipe) this.pipe(node.pipe, guarded, dotMoved);
        return;
      default:
        return;
    }
  }

  private branch(node: BranchNode, guarded: ReadonlySet<string>, dotMoved: boolean): void {
    const tested = new Set(guarded);
    if (node.type !== 'range') this.pipe(node.pipe, guarded, dotMoved, (label) => tested.add(label));
    else this.pipe(node.pipe, guarded, dotMoved);
    const bodyDotMoved = dotMoved || node.type !== 'if';
    this.list(node.list, tested, bodyDotMoved);
    if (node.elseList) this.list(node.elseList, tested, dotMoved);
  }

  private pipe(pipe: PipeNode, guarded: ReadonlySet<string>, dotMoved: boolean, onLabel?: (label: string) => void): void {
    const visit = (label: string, range: TextRange) => {
      onLabel?.(label);
      if (!guarded.has(label) && !onLabel) this.report(label, range);
    };
    for (const command of pipe.cmds) {
      const [head, labels, label] = command.args;
      if (head?.type === 'identifier' && head.name === 'index' && isLabelsVariable(labels) && label?.type === 'string') {
        visit(label.text, command.range);
      }
      for (const arg of command.args) this.arg(arg, dotMoved, visit, guarded, onLabel);
    }
  }

  private arg(arg: ArgNode, dotMoved: boolean, visit: (label: string, range: TextRange) => void, guarded: ReadonlySet<string>, onLabel?: (label: string) => void): void {
    if (arg.type === 'variable' && arg.ident[0] === '$labels' && arg.ident[1] !== undefined) visit(arg.ident[1], arg.range);
    else if (arg.type === 'field' && !dotMoved && arg.ident[0] === 'Labels' && arg.ident[1] !== undefined) visit(arg.ident[1], arg.range);
    else if (arg.type === 'pipe') this.pipe(arg, guarded, dotMoved, onLabel);
    else if (arg.type === 'chain' && arg.node.type === 'pipe') this.pipe(arg.node, guarded, dotMoved, onLabel);
  }
}

function isLabelsVariable(arg: ArgNode | undefined): boolean {
  return arg?.type === 'variable' && arg.ident.length === 1 && arg.ident[0] === '$labels';
}

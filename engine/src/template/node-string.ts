/** Nodes printed back as Go's parse package prints them, for the `<...>` context of errors. */
import type { ArgNode, CommandNode, Node, PipeNode } from './ast.js';
import { goQuote } from '../text/go-quote.js';

export function nodeString(node: Node | ArgNode | CommandNode): string {
  switch (node.type) {
    case 'list':
      return node.nodes.map(nodeString).join('');
    case 'text':
      return node.text;
    case 'action':
      return `{{${pipeString(node.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = node.elseList ? `{{else}}${nodeString(node.elseList)}` : '';
      return `{{${node.type} ${pipeString(node.pipe)}}}${nodeString(node.list)}${elsePart}{{end}}`;
    }
    case 'template':
      return `{{template ${goQuote(node.name)}${node.pipe ? ' ' + pipeString(node.pipe) : ''}}}`;
    case 'break':
    case 'continue':
      return `{{${node.type}}}`;
    case 'pipe':
      return pipeString(node);
    case 'command':
      return node.args.map((arg) => (arg.type === 'pipe' ? `(${pipeString(arg)})` : nodeString(arg))).join(' ');
    case 'field':
      return node.ident.map((id) => '.' + id).join('');
    case 'variable':
      return node.ident.join('.');
    case 'chain': {
      const head = node.node.type === 'pipe' ? `(${pipeString(node.node)})` : nodeString(node.node);
      return head + node.fields.map((f) => '.' + f).join('');
    }
    case 'identifier':
      return node.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'string':
      return node.quoted;
    case 'number':
      return node.text;
  }
}

function pipeString(pipe: PipeNode): string {
  let out = '';
  if (pipe.decl.length > 0) {
    out = pipe.decl.map(nodeString).join(', ') + (pipe.isAssign ? ' = ' : ' := ');
  }
  return out + pipe.cmds.map(nodeString).join(' | ');
}

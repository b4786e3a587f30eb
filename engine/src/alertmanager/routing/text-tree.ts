/**
 * Trees drawn as amtool draws them with the treeprint library: the root's text on its own line,
 * then each node as `├── text` or `└── text` under the guides of its ancestors. Debian's amtool
 * 0.25 is built with the treeprint of 2018-11-12, which differs from treeprint 1.1 in two ways
 * kept here: the guide under a node with later siblings is `│`, two no-break spaces and a space;
 * further lines of a multi-line text are not indented.
 */

const CONTINUING_GUIDE = '│\u00a0\u00a0 ';

export interface TextTreeNode {
  text: string;
  children: TextTreeNode[];
}

export function renderTextTree(rootText: string, children: readonly TextTreeNode[]): string {
  let out = `${rootText}\n`;
  const draw = (nodes: readonly TextTreeNode[], guides: string): void => {
    nodes.forEach((node, i) => {
      const last = i === nodes.length - 1;
      out += `${guides}${last ? '└──' : '├──'} ${node.text}\n`;
      draw(node.children, guides + (last ? '    ' : CONTINUING_GUIDE));
    });
  };
  draw(children, '');
  return out;
}

/**
 * What `routes show` prints for a root with receiver `default` and two children: `test=~"^[12]$"`
 * to `test1` with continue, then `test="2"` to `test2`. Shared by the tests of the tree printer and
 * of the command.
 */
export const TWO_ROUTES_TREE = [
  'Routing tree:',
  '.',
  '└── default-route  receiver: default',
  '    ├── {test=~"^(?:^[12]$)$"}  continue: true  receiver: test1',
  '    └── {test="2"}  receiver: test2',
  '',
  '',
].join('\n');

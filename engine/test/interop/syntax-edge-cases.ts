/**
 * Hand-written corners of PromQL's syntax that Prometheus's promqltest scripts seldom touch:
 * keywords as names, number and duration spellings, string escapes, modifier order, nesting.
 * Valid and invalid ones alike; they also seed the mutated variants.
 */
export const SYNTAX_EDGE_CASES: readonly string[] = [
  // Keywords where names stand, and names where keywords stand.
  'sum by (offset, on, bool, group_left, atan2, by, sum) (x)',
  'x{on="a", by="b", offset="c", inf="d"}',
  'sum + by - without * start / end',
  'count_values',
  'offset',
  'rate(offset[5m])',
  'x atan2 atan2',
  'sum by (without) (x)',
  'sum by (inf) (x)',
  'on', 'bool', 'group_left', 'start()', 'x @ start', 'atan2(x, y)',
  // Numbers and durations.
  '5.', '.5', '1_000', '0x1F', '0X_1F', '0x1_F', '1e5', '1E-5', '1__0', '0b1', '07', '1.5e3.2', '9e999', 'Inf + -nan', 'Inf ^ 2',
  'x[1w1d1h1m1s1ms]', 'x[1h5d]', 'x[1y1y]', 'x[0.5]', 'x[1e3]', 'x[0x10]', 'x[Inf]', 'x[0]', 'x[-5m]', 'x[100000000000000000y]',
  'x offset 1.5', 'x offset -5m', 'x offset - 5m', 'x @ 10s', 'x @ -10', 'x @ 1e20', 'x @ inf',
  '1or 2', 'x offset 5mand y',
  // Strings.
  '{"a.b"}', '{"ünï"="x"}', '{"a", "b"}', 'x{a="\\q"}', 'x{a="\\x41"}', 'x{a="\\101"}', 'x{a="\\400"}',
  'x{a="\\u0041"}', 'x{a="\\U00110000"}', 'x{a="\\uD800"}', "x{a='\\''}", 'x{a="\\\'"}', 'x{a="unterminated}',
  '`raw\\q`', 'x{a=~"("}', 'ünï',
  // Selectors, modifiers and their order.
  '{}', 'x{}', '{,}', '{a="b",}', 'x{a="b" c="d"}', 'x{"a"}', 'x{a}', 'a:b:c', ':a',
  'x @ start() offset 5m', 'x offset 5m @ 10', 'x offset 5m offset 1m', 'x @ 1 @ 2', 'x offset 5m[5m]', 'x @ 10 [5m]',
  'x[5m] offset 1m', 'x[5m:] @ end()', 'x[5m][1h:]', '(x)[5m]', '(x)[5m:]', '1[5m]', 'sum(x) offset 5m', 'x[5m:1m:1m]',
  'x[5m + 1m]', 'x[(5m)]', 'x offset (5m)', 'x offset -- 5m', 'x[- -5m]', 'x[5m # comment\n]',
  // Operators, matching and aggregations.
  'foo + ignoring(a) group_left bar', 'foo + group_left bar', 'x > bool on(a) group_left y', '1 bool == 1',
  '-x ^ 2', '- - 1', '+-1', '!x', 'x =~ y', 'sum(x) by (a) by (b)', 'sum by (a) (x) without (b)', 'sum without(a,)(x)',
  'topk(x)', 'sum()', 'sum(x,)', 'time(1)', 'x(y)', 'sum(x)(y)',
  // Comments and emptiness.
  '', '# only a comment', 'x # comment', '1 + # comment\n 2',
  // Deeper nesting than Klaxon allows.
  `${'('.repeat(101)}x${')'.repeat(101)}`,
];

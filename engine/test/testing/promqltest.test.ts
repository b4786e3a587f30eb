import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { testCommand } from '../../src/cli/test-command.js';
import { parseExprOrThrow } from '../../src/promql/parse.js';
import type { Expr } from '../../src/promql/ast.js';
import { evaluateInstant, evaluateRange } from '../../src/promql/eval/evaluate.js';
import { pinnedVariants } from '../../src/testing/promqltest/at-variants.js';
import { almostEqual } from '../../src/testing/promqltest/compare.js';
import { formatReport, formatTally, tally } from '../../src/testing/promqltest/report.js';
import { runScript, type CaseResult } from '../../src/testing/promqltest/run.js';
import { parseScript, type EvalCommand, type LoadCommand } from '../../src/testing/promqltest/script.js';
import { selectorWindows } from '../../src/testing/promqltest/read-windows.js';
import { usesDurationExpression } from '../../src/testing/promqltest/skip.js';

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

function evalOf(text: string): EvalCommand {
  const script = parseScript(text);
  expect(script.errors).toEqual([]);
  const command = only(script.commands.filter((c) => c.kind === 'eval'));
  return command as EvalCommand;
}

function run(text: string, options = {}): CaseResult[] {
  return runScript('inline.test', parseScript(text), options).cases;
}

function statuses(text: string, options = {}): string[] {
  return run(text, options).map((c) => (c.status === 'failed' ? `failed: ${c.message}` : c.status));
}

describe('parseScript', () => {
  it('reads load blocks with their interval and series, ending at a blank line', () => {
    const script = parseScript('load 1m\n  a{x="1"} 1 2\n  b 0+1x2\n\nclear\n');
    const [load, clear] = script.commands as [LoadCommand, { kind: string; line: number }];
    expect(load).toMatchObject({ kind: 'load', line: 1, intervalMs: 60_000, withNhcb: false });
    expect(load.series.map((s) => [s.line, s.labels.toString(), s.values])).toEqual([
      [2, '{__name__="a", x="1"}', [1, 2]],
      [3, '{__name__="b"}', [0, 1, 2]],
    ]);
    expect(clear).toEqual({ kind: 'clear', line: 5 });
  });

  it('marks load_with_nhcb and keeps the float values and histogram positions of histogram lines', () => {
    const script = parseScript('load_with_nhcb 5m\n  h_bucket{le="1"} 1\n  n 4 {{schema:0 sum:1 count:1}}x1 5\n');
    const load = script.commands[0] as LoadCommand;
    expect(load.withNhcb).toBe(true);
    expect(load.series[1]).toMatchObject({ labels: expect.anything(), values: [4, undefined, undefined, 5], histogramIndexes: [1, 2] });
  });

  it('skips comments and reports unknown commands and bad intervals with their lines', () => {
    const script = parseScript('# a comment\nfrobnicate now\nload 1.5m\n  m 1\n');
    expect(script.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 1],
      [3, 1],
    ]);
    expect(script.errors[0]!.message).toContain('invalid command');
    expect(script.errors[1]!.message).toContain('1.5m');
  });

  it('positions a bad series line at its column in the file', () => {
    const script = parseScript('load 1m\n    m 1 foo\n');
    expect(only(script.errors)).toMatchObject({ line: 2, column: 9 });
  });

  it('reads eval instant with expected series and the column of the expression', () => {
    const command = evalOf('eval instant at 5m sum by (a) (m)\n  {a="1"} 3\n  {a="2"} 4\n');
    expect(command.query).toEqual({ type: 'instant', timeMs: 300_000 });
    expect(command.expr).toBe('sum by (a) (m)');
    expect(command.exprColumn).toBe(20);
    expect(command.expectedSeries.map((s) => [s.labels.toString(), s.values, s.position])).toEqual([
      ['{a="1"}', [3], 1],
      ['{a="2"}', [4], 2],
    ]);
  });

  it('reads eval range with its grid', () => {
    const command = evalOf('eval range from 1m to 5m step 2m rate(m[5m])\n  {} 1 _ 3\n');
    expect(command.query).toEqual({ type: 'range', startMs: 60_000, endMs: 300_000, stepMs: 120_000 });
    expect(command.expectedSeries[0]!.values).toEqual([1, undefined, 3]);
  });

  it('reads a scalar line, which ends the block', () => {
    const script = parseScript('eval instant at 0 1 + 1\n  2\n  clear\n');
    expect((script.commands[0] as EvalCommand).expectedScalar).toBe(2);
    expect(script.commands[1]).toEqual({ kind: 'clear', line: 3 });
  });

  it('reads the legacy eval_fail, eval_warn, eval_info and eval_ordered forms', () => {
    expect(evalOf('eval_fail instant at 0 m\n').fail).toEqual([{ kind: 'any' }]);
    expect(evalOf('eval_warn instant at 0 m\n').requireAnyWarning).toBe(true);
    expect(evalOf('eval_info range from 0 to 1m step 1m m\n').requireAnyInfo).toBe(true);
    expect(evalOf('eval_ordered instant at 0 sort(m)\n').ordered).toBe(true);
  });

  it('reads expected_fail_message and expected_fail_regexp after eval_fail', () => {
    expect(evalOf('eval_fail instant at 0 m\n  expected_fail_message boom here\n').fail).toEqual([
      { kind: 'any' },
      { kind: 'exact', text: 'boom here' },
    ]);
    const regexp = evalOf('eval_fail instant at 0 m\n  expected_fail_regexp bo+m\n').fail![1]!;
    expect(regexp).toMatchObject({ kind: 'regex', pattern: 'bo+m' });
  });

  it('reads expect lines of every kind', () => {
    const command = evalOf(
      [
        'eval instant at 1m m',
        '  expect fail msg: went wrong',
        '  expect warn',
        '  expect warn regex: PromQL warning: .*',
        '  expect no_info',
        '  expect ordered',
        '  m 1',
      ].join('\n'),
    );
    expect(command.fail).toEqual([{ kind: 'exact', text: 'went wrong' }]);
    expect(command.warnings.map((w) => w.kind)).toEqual(['any', 'regex']);
    expect(command.noInfos).toBe(true);
    expect(command.ordered).toBe(true);
    expect(command.expectedSeries[0]!.position).toBe(1);
  });

  it('lets expect range vector replace the range of a range eval', () => {
    const command = evalOf('eval range from 0 to 3m step 3m m\n  expect range vector from 1m to 2m step 1m\n  m 1 2\n');
    expect(command.query).toEqual({ type: 'range', startMs: 60_000, endMs: 120_000, stepMs: 60_000 });
    expect(command.rangeVector).toBeUndefined();
  });

  it('reads expect range vector and expect string', () => {
    const command = evalOf('eval instant at 1m m[1m]\n  expect range vector from 10s to 1m step 10s\n  m 1 2 3 4 5 6\n');
    expect(command.rangeVector).toEqual({ startMs: 10_000, endMs: 60_000, stepMs: 10_000 });
    expect(evalOf('eval instant at 0 "a"\n  expect string "x\\ty"\n').expectedString).toBe('x\ty');
  });

  it('records mistakes inside an eval block on the command', () => {
    const script = parseScript(
      'eval instant at 0 m\n  expect warn\n  expect no_warn\n\neval instant at 0 m\n  m 1 2\n\neval instant at 0 m\n  expect bogus\n',
    );
    const messages = script.commands.map((c) => (c as EvalCommand).errors.map((e) => e.message));
    expect(messages[0]![0]).toContain('cannot be used together');
    expect(messages[1]![0]).toContain('expect range vector');
    expect(messages[2]![0]).toContain('invalid expect line');
  });

  it('rejects a range whose end is before its start, and unreadable eval headers', () => {
    expect(parseScript('eval range from 5m to 1m step 1m m\n').commands[0]).toMatchObject({
      errors: [expect.objectContaining({ message: expect.stringContaining('before the start') })],
    });
    expect(parseScript('eval sometime m\n').errors[0]!.message).toContain('invalid eval command');
  });
});

describe('comparison', () => {
  it('compares with a relative epsilon, NaN equal to NaN', () => {
    expect(almostEqual(1, 1 + 1e-9)).toBe(true);
    expect(almostEqual(1, 1.001)).toBe(false);
    expect(almostEqual(NaN, NaN)).toBe(true);
    expect(almostEqual(0, 1e-300)).toBe(false);
    expect(almostEqual(Infinity, Infinity)).toBe(true);
  });
});

describe('selectorWindows', () => {
  const windows = (text: string, from: number, to = from) =>
    selectorWindows(parseExprOrThrow(text), { from, to }, 300_000).map((w) => [w.selector.name, w.window.from, w.window.to]);

  it('covers lookback, ranges, offsets and @', () => {
    expect(windows('a + rate(b[1m] offset 1m) + c @ 50', 600_000)).toEqual([
      ['a', 300_000, 600_000],
      ['b', 480_000, 540_000],
      ['c', -250_000, 50_000],
    ]);
  });

  it('widens through subqueries and treats start()/end() as anywhere in the evaluation range', () => {
    expect(windows('max_over_time(rate(a[1m])[10m:1m] offset 5m)', 1_200_000)).toEqual([['a', 240_000, 900_000]]);
    expect(windows('b @ end()', 0, 600_000)).toEqual([['b', -300_000, 600_000]]);
  });
});

describe('usesDurationExpression', () => {
  it('tells duration arithmetic from plain durations', () => {
    expect(usesDurationExpression('rate(m[5m+1m])')).toBe(true);
    expect(usesDurationExpression('m[1h:(30s*2)]')).toBe(true);
    expect(usesDurationExpression('m offset (1m*2)')).toBe(true);
    expect(usesDurationExpression('rate(m[5m]) offset -5m + 1')).toBe(false);
    expect(usesDurationExpression('m{a=~"[0-9]+"}[1h:1m]')).toBe(false);
  });
});

const LOAD = 'load 1m\n  m{a="1"} 0+1x10\n  m{a="2"} 0+2x10\n\n';

describe('runScript', () => {
  it('passes matching instant and range results', () => {
    expect(statuses(`${LOAD}eval instant at 5m m\n  m{a="1"} 5\n  m{a="2"} 10\n`)).toEqual(['passed']);
    expect(statuses(`${LOAD}eval range from 0 to 2m step 1m m{a="2"}\n  m{a="2"} 0 2 4\n`)).toEqual(['passed']);
    expect(statuses(`${LOAD}eval instant at 0 1 + 1\n  2\n`)).toEqual(['passed']);
  });

  it('fails on a wrong value, naming the series and both values', () => {
    const [result] = statuses(`${LOAD}eval instant at 5m m\n  m{a="1"} 5\n  m{a="2"} 11\n`);
    expect(result).toMatch(/failed: expected 11 for \{__name__="m", a="2"\}, but got 10/);
  });

  it('fails on an unexpected series and on a missing one', () => {
    expect(statuses(`${LOAD}eval instant at 5m m\n  m{a="1"} 5\n`)[0]).toMatch(/failed: unexpected series .*a="2"/);
    expect(statuses(`${LOAD}eval instant at 5m m{a="1"}\n  m{a="1"} 5\n  m{a="3"} 1\n`)[0]).toMatch(/failed: expected series .*a="3".* missing/);
  });

  it('fails on a point where a range result has none (_), and passes when _ matches a gap', () => {
    expect(statuses(`${LOAD}eval range from 0 to 2m step 1m m{a="1"}\n  m{a="1"} 0 _ 2\n`)[0]).toMatch(/failed: .*expected 2 points/);
    expect(statuses('load 1m\n  g 1 _x10 3\n\neval range from 0 to 12m step 6m g\n  g 1 _ 3\n')).toEqual(['passed']);
  });

  it('checks order only when the eval asks for it', () => {
    const sorted = `${LOAD}eval instant at 5m sort_desc(m)\n  m{a="1"} 5\n  m{a="2"} 10\n`;
    expect(statuses(sorted)).toEqual(['passed']);
    expect(statuses(sorted.replace('eval instant', 'eval_ordered instant'))[0]).toMatch(/failed: expected .* at position 1/);
  });

  it('expects failures and matches their messages', () => {
    const dup = 'load 1m\n  x{a="1"} 1\n  y{a="1"} 1\n\n';
    const expr = 'eval instant at 0 ceil({a="1"})';
    expect(statuses(`${dup}${expr}\n  expect fail\n`)).toEqual(['passed']);
    expect(statuses(`${dup}${expr}\n  expect fail regex: same labelset\n`)).toEqual(['passed']);
    expect(statuses(`${dup}${expr}\n  expect fail msg: something else\n`)[0]).toMatch(/failed: expected the query to fail with message "something else"/);
    expect(statuses(`${LOAD}eval instant at 0 m\n  expect fail\n`)[0]).toMatch(/failed: expected the query to fail, but it succeeded/);
    expect(statuses(`${dup}eval instant at 0 ceil({a="1"})\n`)[0]).toMatch(/failed: the query failed: .*same labelset/);
  });

  it('ignores annotations unless expect lines or eval_warn/eval_info ask about them', () => {
    const quantile = `${LOAD}eval instant at 0 quantile(2, m)\n  {} Inf\n`;
    expect(statuses(quantile)).toEqual(['passed']);
    expect(statuses(quantile.replace('m)\n', 'm)\n  expect no_warn\n'))[0]).toMatch(/failed: expected no warning annotations/);
    expect(statuses(quantile.replace('m)\n', 'm)\n  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got 2\n'))).toEqual([
      'passed',
    ]);
    expect(statuses(`${LOAD}eval_warn instant at 0 m{a="1"}\n  m{a="1"} 0\n`)[0]).toMatch(/failed: expected a warning annotation/);
  });

  it('runs cases on the float part of a series that also holds histograms, skips those reaching them', () => {
    const text =
      'load 10s\n  m 1 2 {{schema:0 sum:1 count:1}}\n\n' +
      'eval instant at 10s m\n  m 2\n\neval instant at 15s max_over_time(m[10s])\n  {} 2\n\n' +
      'eval instant at 20s m\n  m 2\n\neval range from 0 to 5m step 1m m\n';
    expect(run(text).map((r) => r.status)).toEqual(['passed', 'passed', 'skipped', 'skipped']);
  });

  it('skips cases that expect or select native histograms, and only those', () => {
    const text =
      'load 1m\n  h {{schema:0 sum:1 count:1}}\n  f 1\n\n' +
      'eval instant at 0 h\n\neval instant at 0 f\n  f 1\n\neval instant at 0 f\n  f {{schema:0 sum:1 count:1}}\n';
    const results = run(text);
    expect(results.map((r) => r.status)).toEqual(['skipped', 'passed', 'skipped']);
    expect(results.every((r) => r.status !== 'skipped' || r.skip.reason === 'native-histograms')).toBe(true);
  });

  it('skips the series load_with_nhcb derives, but runs the classic ones', () => {
    const text =
      'load_with_nhcb 1m\n  t_bucket{le="1"} 1\n  t_bucket{le="+Inf"} 2\n\n' +
      'eval instant at 0 t\n\neval instant at 0 t_bucket{le="1"}\n  t_bucket{le="1"} 1\n';
    expect(run(text).map((r) => r.status)).toEqual(['skipped', 'passed']);
  });

  it('runs experimental functions by default and skips them on request', () => {
    const text = `${LOAD}eval instant at 5m sort_by_label(m, "a")\n  m{a="1"} 5\n  m{a="2"} 10\n`;
    expect(statuses(text)).toEqual(['passed']);
    const [skipped] = run(text, { skipExperimental: true });
    expect(skipped).toMatchObject({ status: 'skipped', skip: { reason: 'experimental' } });
  });

  it('skips info(), which Klaxon lacks, even by default', () => {
    const results = run(`${LOAD}eval instant at 5m info(m)\n  m{a="1"} 5\n`);
    expect(results.map((r) => (r.status === 'skipped' ? r.skip : r.status))).toEqual([
      { reason: 'experimental', detail: 'uses info(), not supported by Klaxon' },
    ]);
  });

  it('runs experimental duration expressions, which the parser folds', () => {
    const text = `${LOAD}eval instant at 5m count_over_time(m[2m+3m])\n`;
    expect(statuses(`${text}  {a="1"} 5\n  {a="2"} 5\n`)).toEqual(['passed']);
    expect(statuses(`${text}  {a="1"} 4\n  {a="2"} 5\n`)[0]).toMatch(/^failed/);
  });

  it('compares range vector results of instant queries on the expect range vector grid, and strings', () => {
    const text = 'load 10s\n  s{env="a"} 1+1x5\n\neval instant at 1m s[1m]\n  expect range vector from 10s to 1m step 10s\n';
    expect(statuses(`${text}  s{env="a"} 2 3 4 5 6\n`)).toEqual(['passed']);
    expect(statuses(`${text}  s{env="a"} 2 3 4 5 7\n`)[0]).toMatch(/failed: .*expected 7 at t=50000ms, but got 6/);
    expect(statuses('eval instant at 0 "Foo"\n  expect string "Foo"\n')).toEqual(['passed']);
    expect(statuses('eval instant at 0 "Foo"\n  expect string "Bar"\n')[0]).toBe('failed: expected the string "Bar", but got "Foo"');
  });

  it('fails a case whose expression does not parse', () => {
    expect(statuses(`${LOAD}eval instant at 0 sum(\n`)[0]).toMatch(/^failed: the expression does not parse/);
  });

  it('turns script mistakes into failed cases and runs only selected cases', () => {
    const results = run(`bogus\n\n${LOAD}eval instant at 5m m{a="1"}\n  m{a="1"} 5\n\neval instant at 5m m{a="2"}\n  m{a="2"} 10\n`, {
      select: ({ expr }: { expr: string }) => expr.includes('a="2"'),
    });
    expect(results.map((r) => [r.line, r.status])).toEqual([
      [1, 'failed'],
      [10, 'passed'],
    ]);
  });
});

describe('pinnedVariants', () => {
  const selectorsOf = (expr: Expr): unknown[] => {
    const found: unknown[] = [];
    const walk = (e: Expr): void => {
      if (e.kind === 'VectorSelector') found.push([e.name, e.atMs, e.atAnchor]);
      if (e.kind === 'MatrixSelector') walk(e.selector);
      if (e.kind === 'SubqueryExpr') found.push(['subquery', e.atMs, e.atAnchor]);
      if (e.kind === 'BinaryExpr') [e.lhs, e.rhs].forEach(walk);
      if (e.kind === 'Call') e.args.forEach(walk);
    };
    walk(expr);
    return found;
  };

  it('pins unpinned selectors and subqueries, replacing start()/end(), at the times promqltest uses', () => {
    const variants = pinnedVariants(parseExprOrThrow('a + rate(b[1m] @ start()) + c @ 5 + max_over_time(d[5m:1m])'), 100_000);
    expect(variants.map((v) => v.evalMs)).toEqual([-1_000_000, 0, 20_000, 100_000, 1_000_000]);
    expect(selectorsOf(variants[0]!.expr)).toEqual([
      ['a', 100_000, undefined],
      ['b', 100_000, undefined],
      ['c', 5000, undefined],
      ['subquery', 100_000, undefined],
    ]);
  });

  it('uses -1s, 0 and 1s at time zero, and has no variants for time-dependent functions', () => {
    expect(pinnedVariants(parseExprOrThrow('a'), 0).map((v) => v.evalMs)).toEqual([-1000, 0, 1000]);
    expect(pinnedVariants(parseExprOrThrow('timestamp(a)'), 60_000)).toEqual([]);
  });
});

describe('runScript against an inconsistent engine', () => {
  const script = `${LOAD}eval instant at 5m m{a="1"}\n  m{a="1"} 5\n`;

  it('fails when a pinned variant at another time differs', () => {
    const engine = {
      evaluateRange,
      evaluateInstant: ((expr, source, t, opts) => {
        const result = evaluateInstant(expr, source, t, opts);
        if (t !== 300_000 && result.value.type === 'vector') result.value.samples = [];
        return result;
      }) as typeof evaluateInstant,
    };
    expect(statuses(script, { engine })[0]).toMatch(/failed: expected series .* missing .*pinned by @ 300 and evaluated at -3000000ms/);
  });

  it('fails when the same query in range mode differs at the evaluation time', () => {
    const engine = {
      evaluateInstant,
      evaluateRange: ((...args: Parameters<typeof evaluateRange>) => {
        const result = evaluateRange(...args);
        for (const s of result.series) s.points = s.points.map((p) => ({ t: p.t, v: p.v + 1 }));
        return result;
      }) as typeof evaluateRange,
    };
    expect(statuses(script, { engine })[0]).toMatch(/failed: in range mode: expected 5 for .*, but got 6/);
  });

  it('reports an engine crash as a failure even where a failure is expected', () => {
    const engine = {
      evaluateRange,
      evaluateInstant: (() => {
        throw new TypeError('boom');
      }) as typeof evaluateInstant,
    };
    expect(statuses(`${LOAD}eval instant at 0 m\n  expect fail\n`, { engine })[0]).toBe('failed: the engine crashed: boom');
  });
});

describe('report', () => {
  it('closes with exactly "N passed, N failed" (", N skipped" only when some were) and shows expected against got', () => {
    const text = `${LOAD}eval instant at 5m m{a="1"}\n  m{a="1"} 6\n\neval instant at 5m m{a="2"}\n  m{a="2"} 10\n`;
    const file = runScript('x.test', parseScript(text));
    expect(formatTally(tally(file.cases))).toBe('1 passed, 1 failed');
    expect(formatTally({ ...tally(file.cases), skipped: 2 })).toBe('1 passed, 1 failed, 2 skipped');
    const report = formatReport([file, { file: 'y.test', cases: [] }]);
    expect(report).toContain('== x.test\nFAIL x.test:5:20: eval instant at 5m m{a="1"}');
    expect(report).toContain('expected:\n    m{a="1"} 6\n  got:\n    m{a="1"} 5\n\n1 passed, 1 failed\n\n== y.test\n0 passed');
    expect(report.trimEnd().split('\n').slice(-2)).toEqual(['== total over 2 files', '1 passed, 1 failed']);
  });
});

describe('klaxon CLI', () => {
  const capture = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
  };

  it('prints help for the command and for subcommands', async () => {
    const { out, io } = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(out.stdout).toContain('test');
    expect(await main(['test', '--help'], io)).toBe(0);
    expect(out.stdout).toContain('--run REGEX');
  });

  it('exits 2 with a clear message on unknown commands and flags', async () => {
    const { out, io } = capture();
    expect(await main(['frob'], io)).toBe(2);
    expect(out.stderr).toContain('unknown command "frob"');
    expect(await main(['test', '--frob', 'a.test'], io)).toBe(2);
    expect(out.stderr).toContain("klaxon test: Unknown option '--frob'");
    expect(await main([], io)).toBe(2);
    expect(await main(['test'], io)).toBe(2);
    expect(await testCommand.run(['notes.txt'], io).catch((e: Error) => e.message)).toContain('not a test file');
  });
});

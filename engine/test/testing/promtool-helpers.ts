/** Unit-test files written to a temporary directory, and running them. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runUnitTestFile, type UnitTestFileResult, type UnitTestOptions } from '../../src/testing/promtool/run-unit-tests.js';

const written: string[] = [];

/** Writes `files` (relative path → text) into a fresh directory; returns its path. */
export function writeFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'klaxon-promtool-'));
  written.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Removes every directory writeFiles made; for afterAll. */
export function removeWrittenFiles(): void {
  for (const dir of written.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs `test.yml` next to `rules.yml` (when given) and returns the result. */
export function runWithRules(rules: string | undefined, test: string, options: UnitTestOptions = {}): UnitTestFileResult {
  const dir = writeFiles(rules === undefined ? { 'test.yml': test } : { 'rules.yml': rules, 'test.yml': test });
  return runUnitTestFile(join(dir, 'test.yml'), test, options);
}

/** Each test's status, with the messages of what failed it. */
export function outcomes(result: UnitTestFileResult): string[] {
  if (result.problems.length > 0) return result.problems.map((p) => `file: ${p.message}`);
  return result.tests.map((t) => {
    if (t.status !== 'failed') return `${t.displayName}: ${t.status}`;
    const failed = t.checks.filter((c) => !c.passed).map((c) => (c.kind === 'alerts' ? `alerts ${c.alertname}@${c.evalTimeMs / 1000}s` : `expr ${c.exprText}@${c.evalTimeMs / 1000}s`));
    return `${t.displayName}: failed [${[...failed, ...t.problems.map((p) => p.message)].join('; ')}]`;
  });
}

export const ALERT_RULES = `groups:
  - name: alerts
    rules:
      - alert: InstanceDown
        expr: up == 0
        for: 5m
        labels:
          severity: page
        annotations:
          summary: "Instance down"
      - alert: AlwaysFiring
        expr: "1"
`;

/**
 * JUnit XML reports, in the shape promtool's --junit writes (one suite per test file, one case
 * per test) and CI systems read: failures with a one-line `message` and the full text.
 */
export interface JUnitCase {
  name: string;
  failures: string[];
  /** Why the case could not run at all. */
  error?: string;
  skipped?: string;
}

export interface JUnitSuite {
  name: string;
  /** When the suite ran, e.g. `2024-05-01T12:00:00`. */
  timestamp?: string;
  cases: JUnitCase[];
}

export function formatJUnit(suites: readonly JUnitSuite[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
  for (const suite of suites) {
    const count = (pred: (c: JUnitCase) => boolean) => suite.cases.filter(pred).length;
    const attributes = attrs({
      name: suite.name,
      tests: suite.cases.length,
      failures: count((c) => c.failures.length > 0),
      errors: count((c) => c.error !== undefined),
      skipped: count((c) => c.skipped !== undefined),
      timestamp: suite.timestamp,
    });
    out.push(`  <testsuite${attributes}>`);
    for (const c of suite.cases) out.push(...caseLines(c));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function caseLines(c: JUnitCase): string[] {
  const body: string[] = [];
  for (const failure of c.failures) body.push(`      <failure${attrs({ message: firstLine(failure) })}>${escapeXml(failure)}</failure>`);
  if (c.error !== undefined) body.push(`      <error${attrs({ message: firstLine(c.error) })}>${escapeXml(c.error)}</error>`);
  if (c.skipped !== undefined) body.push(`      <skipped${attrs({ message: c.skipped })}/>`);
  const open = `    <testcase${attrs({ name: c.name })}`;
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, '    </testcase>'];
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!;
}

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

import { describe, expect, it } from 'vitest';
import { goQueryEscape, tableLinkForExpression } from '../../src/rules/notifier-alert.js';

describe('generatorURL', () => {
  it("escapes as Go's url.QueryEscape", () => {
    expect(goQueryEscape(`sum by (job) (rate(x{code=~"5.."}[5m])) > 0.1 * 2 / 3 ! ' ~ _ - . é`)).toBe(
      'sum+by+%28job%29+%28rate%28x%7Bcode%3D~%225..%22%7D%5B5m%5D%29%29+%3E+0.1+%2A+2+%2F+3+%21+%27+~+_+-+.+%C3%A9',
    );
  });

  it('links to the table view of the expression', () => {
    expect(tableLinkForExpression('up == 0')).toBe('/graph?g0.expr=up+%3D%3D+0&g0.tab=1');
  });
});

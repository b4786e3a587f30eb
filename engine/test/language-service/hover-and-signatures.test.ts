import { describe, expect, it } from 'vitest';
import { RULES, UNIT_TEST, ALERTMANAGER, serviceWith, slice } from './service-helpers.js';

const rule = (expr: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${expr}\n        for: 90s\n`;

describe('hover', () => {
  it('shows a function signature and documentation from the function table', async () => {
    const { service, uri, offset, text } = serviceWith({ 'r.yml': rule('histogram_qu<|>antile(0.9, rate(x[5m]))') });
    const hover = (await service.hover(uri, offset))!;
    expect(hover.contents).toContain('histogram_quantile(scalar, instant vector) → instant vector');
    expect(hover.contents).toMatch(/quantile/);
    expect(slice(text, hover.range)).toBe('histogram_quantile');
  });

  it('says what durations mean, in expressions and in YAML', async () => {
    const inExpr = serviceWith({ 'r.yml': rule('rate(x[1h3<|>0m])') });
    expect((await inExpr.service.hover(inExpr.uri, inExpr.offset))!.contents).toBe('`1h30m`: 1 hour 30 minutes (5400 seconds)');
    const inYaml = serviceWith({ 'r.yml': rule('up').replace('for: 90s', 'for: 9<|>0s') });
    expect((await inYaml.service.hover(inYaml.uri, inYaml.offset))!.contents).toBe('`90s`: 1 minute 30 seconds (90 seconds)');
  });

  it('explains keywords and aggregations, and shows a recording rule behind a metric', async () => {
    const modifier = serviceWith({ 'r.yml': rule('sum by<|> (job) (x)') });
    expect((await modifier.service.hover(modifier.uri, modifier.offset))!.contents).toMatch(/Keeps only the listed labels/);
    const aggregation = serviceWith({ 'r.yml': rule('to<|>pk(3, x)') });
    expect((await aggregation.service.hover(aggregation.uri, aggregation.offset))!.contents).toContain('topk [by|without (labels)] (scalar, instant vector)');
    const metric = serviceWith({ 'rules.yml': RULES, 'r.yml': rule('job:http_requests:rate<|>5m > 1') });
    expect((await metric.service.hover(metric.uri, metric.offset))!.contents).toMatch(/Recorded by a rule of group `api`[\s\S]*sum by \(job\)/);
  });

  it('shows the alerting rule a unit test expects alerts of', async () => {
    const { service, uri, offset } = serviceWith({ 'rules.yml': RULES, 't.yml': UNIT_TEST.replace('alertname: InstanceDown', 'alertname: Instance<|>Down') });
    const hover = (await service.hover(uri, offset))!;
    expect(hover.contents).toMatch(/alerting rule `InstanceDown` \(group `api`\)/);
    expect(hover.contents).toContain('up == 0');
  });

  it('shows what a route sends to', async () => {
    const { service, uri, offset } = serviceWith({ 'am.yml': ALERTMANAGER.replace('receiver: pager', 'receiver: pa<|>ger') });
    expect((await service.hover(uri, offset))!.contents).toMatch(/receiver `pager`[\s\S]*webhook \(http:\/\/127\.0\.0\.1:9999\/pager\)/);
  });
});

describe('signature help', () => {
  it('tells the argument the cursor is in', () => {
    const { service, uri, offset } = serviceWith({ 'r.yml': rule('clamp(x, 0, <|>') });
    const help = service.signatureHelp(uri, offset)!;
    expect(help.label).toBe('clamp(instant vector, scalar, scalar) → instant vector');
    expect(help.activeParameter).toBe(2);
    expect(help.parameters.map((p) => help.label.slice(...p.label))).toEqual(['instant vector', 'scalar', 'scalar']);
  });

  it('knows the innermost call, and aggregations with a grouping', () => {
    const inner = serviceWith({ 'r.yml': rule('histogram_quantile(0.9, rate(x{a="b,c"}[5m]<|>') });
    expect(inner.service.signatureHelp(inner.uri, inner.offset)!.label).toMatch(/^rate\(/);
    const aggregation = serviceWith({ 'r.yml': rule('topk by (job) (5, <|>') });
    const help = aggregation.service.signatureHelp(aggregation.uri, aggregation.offset)!;
    expect(help.label).toBe('topk(scalar, instant vector) → instant vector');
    expect(help.activeParameter).toBe(1);
  });

  it('gives nothing outside calls', () => {
    const { service, uri, offset } = serviceWith({ 'r.yml': rule('sum by (jo<|>b) (x)') });
    expect(service.signatureHelp(uri, offset)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { executeTemplate, parseTemplate, TemplateExecError } from '../../src/template/expand.js';
import { GoStruct } from '../../src/template/go-values.js';

function execError(text: string, data: unknown = {}, name = 'n'): TemplateExecError {
  const { template } = parseTemplate(text, name);
  try {
    executeTemplate(template!, data);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError);
    return e as TemplateExecError;
  }
  throw new Error('expected an execution error');
}

describe('execution errors', () => {
  it('carry Go\'s location, template name and node, and the node\'s range', () => {
    const e = execError('ab {{ .a.b.c 1 }}', { a: { b: { c: 1 } } });
    // Go places a field chain at its second field.
    expect(e.message).toBe('template: n:1:8: executing "n" at <.a.b.c>: c is not a method but has arguments');
    expect(e.range).toEqual({ start: 6, end: 12 });
    expect(e.problems[0]).toMatchObject({ severity: 'error', source: 'template' });
  });

  it('count columns in UTF-8 bytes from the start of the line, lines from 1', () => {
    const e = execError('é€\nü {{ nil }}');
    expect(e.message).toBe('template: n:2:6: executing "n" at <nil>: nil is not a command');
    expect(e.range).toEqual({ start: 8, end: 11 });
  });

  it('name the defined template that failed, but locate it in the parsed text', () => {
    const e = execError('{{ define "inner" }}\n  {{ .x.y }}{{ end }}{{ template "inner" .v }}', { v: { x: 'str' } });
    expect(e.message).toBe('template: n:2:7: executing "inner" at <.x.y>: can\'t evaluate field y in type string');
  });

  it('point at the command for function errors and at the argument for argument errors', () => {
    expect(execError('{{ index . 5 }}', [1]).message).toBe('template: n:1:3: executing "n" at <index . 5>: error calling index: index out of range: 5');
    expect(execError('{{ printf 5 }}').message).toBe('template: n:1:10: executing "n" at <5>: expected string; found 5');
  });

  it('describe values with Go\'s type names', () => {
    const st = new GoStruct('main.S', new Map([['A', 1]]), { pointer: true });
    expect(execError('{{ .B }}', st).message).toBe('template: n:1:3: executing "n" at <.B>: can\'t evaluate field B in type *main.S');
    expect(execError('{{ .x.y }}', { x: [1] }).message).toBe(
      'template: n:1:5: executing "n" at <.x.y>: can\'t evaluate field y in type []interface {}',
    );
    expect(execError('{{ range .x }}{{ end }}', { x: 1.5 }).message).toBe(
      'template: n:1:9: executing "n" at <.x>: range can\'t iterate over 1.5',
    );
  });

  it('report a missing template and Go\'s literal errors', () => {
    expect(execError('{{ template "zz" }}').message).toBe('template: n:1:12: executing "n" at <{{template "zz"}}>: template "zz" not defined');
    expect(execError('{{ 1 2 }}').message).toBe('template: n:1:3: executing "n" at <1>: can\'t give argument to non-function 1');
    expect(execError('{{ (1).x }}').message).toBe('template: n:1:4: executing "n" at <1>: can\'t evaluate field x in type int');
    expect(execError('{{ 18446744073709551615 }}').message).toBe('template: n:1:3: executing "n" at <18446744073709551615>: 18446744073709551615 overflows int');
  });

  it('refuse to print functions', () => {
    expect(execError('{{ .f }}', { f: () => 1 }).message).toBe(
      'template: n:1:3: executing "n" at <{{.f}}>: can\'t print {{.f}} of type func(...interface {}) interface {}',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { AlertAnnotations } from '../../src/rules/alert-annotations.js';

describe('AlertAnnotations', () => {
  it('sorts by name and keeps empty values', () => {
    const annotations = AlertAnnotations.from(Object.entries({ summary: 'down', runbook: '', description: '' }));
    expect([...annotations]).toEqual([['description', ''], ['runbook', ''], ['summary', 'down']]);
    expect(annotations.size).toBe(3);
    expect(annotations.toObject()).toEqual({ description: '', runbook: '', summary: 'down' });
  });

  it('sorts byte-wise as Prometheus prints them: upper case before lower case', () => {
    expect([...AlertAnnotations.from([['b', '1'], ['a', '2'], ['Z', '3']])].map(([name]) => name)).toEqual(['Z', 'a', 'b']);
  });

  it('has an empty instance', () => {
    expect(AlertAnnotations.EMPTY.size).toBe(0);
    expect(AlertAnnotations.EMPTY.toObject()).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { hashAlert } from '../../../src/alertmanager/nflog/hash-alert.js';
import { Labels } from '../../../src/labels/labels.js';

// Expected values: XXH64 (seed 0) of the byte strings in the comments, from the reference xxhash library.
describe('hashAlert', () => {
  it('hashes the empty label set as the empty input', () => {
    expect(hashAlert(Labels.EMPTY)).toBe('17241709254077376921');
  });

  it('hashes sorted name 0xFF value 0xFF pairs', () => {
    // alertname\xffHighLatency\xffjob\xffapi\xff
    expect(hashAlert(Labels.from({ job: 'api', alertname: 'HighLatency' }))).toBe('10920912707575670227');
  });

  it('encodes names and values as UTF-8', () => {
    // service\xffcaf\xc3\xa9 \xe2\x9c\x93\xff
    expect(hashAlert(Labels.from({ service: 'café ✓' }))).toBe('16769096022587639459');
  });

  it('hashes inputs longer than 32 bytes', () => {
    // a\xffx\xffa_b\xffy\xffz\xff + 40 × "1" + \xff
    expect(hashAlert(Labels.from({ z: '1'.repeat(40), a_b: 'y', a: 'x' }))).toBe('9315456231492501286');
  });

  it('differs from one label set to another', () => {
    expect(hashAlert(Labels.from({ a: 'b' }))).not.toBe(hashAlert(Labels.from({ a: 'c' })));
  });
});

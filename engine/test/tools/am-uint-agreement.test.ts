/**
 * An unsigned field (a webhook's `max_alerts`, a uint64 that yaml.v2 fills) accepts what
 * `amtool check-config` 0.25 accepts: integers up to 2^64-1 in any base, and floats up to 2^64,
 * negative ones included; a negative integer or anything larger is refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAlertmanagerConfig } from '../../src/alertmanager/config/load-config.js';
import { requireTool } from './tool-path.js';

const VALUES = [
  '0', '5', '+5', '1_000', '0o17', '0x10', '2.5', '.5', '-0.5', '-1.5', '-1e3', '1e19', '1e20', '1e30', '-1', '-0x10',
  '9223372036854775808', '18446744073709551615', '18446744073709551616', '18446744073709551616.0', '1.8446744073709553e19',
  '36893488147419103232', '0x10000000000000000', '0x8000000000000000', '"5"', 'five', '[5]',
];

function configWith(value: string): string {
  return ['route:', '  receiver: w', 'receivers:', '  - name: w', '    webhook_configs:', '      - url: http://x/', `        max_alerts: ${value}`, ''].join('\n');
}

describe('max_alerts as amtool reads it', () => {
  it('accepts and refuses the same values as amtool check-config', () => {
    const amtool = requireTool('amtool');
    const dir = mkdtempSync(join(tmpdir(), 'klaxon-uint-'));
    const files = VALUES.map((value, i) => {
      const file = join(dir, `case-${i}.yml`);
      writeFileSync(file, configWith(value));
      return file;
    });
    let output = '';
    try {
      output = execFileSync(amtool, ['check-config', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      output = `${(e as { stdout?: string }).stdout ?? ''}`;
    }
    const mismatches: string[] = [];
    VALUES.forEach((value, i) => {
      const verdict = new RegExp(`Checking '${files[i]}'\\s+(SUCCESS|FAILED)`).exec(output)?.[1];
      expect(verdict, `amtool said nothing about ${value}`).toBeDefined();
      const { problems } = loadAlertmanagerConfig(configWith(value), files[i]!);
      const klaxonAccepts = !problems.some((p) => p.severity === 'error');
      if (klaxonAccepts !== (verdict === 'SUCCESS')) mismatches.push(`${value}: amtool ${verdict}, Klaxon ${klaxonAccepts ? 'accepts' : 'refuses'}`);
    });
    expect(mismatches).toEqual([]);
  });
});

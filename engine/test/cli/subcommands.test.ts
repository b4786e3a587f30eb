import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../src/cli/subcommands.js';

describe('the subcommand table', () => {
  it('names each entry as the command it loads names itself', async () => {
    for (const entry of SUBCOMMANDS) expect((await entry.load()).name).toBe(entry.name);
  });
});

/**
 * The end of an end-to-end test run: what it started is stopped, what explains a failure is kept
 * under its output directory (code-server's output and VS Code's logs), its temporary directory
 * is removed. Whatever a setup that failed half-way did not start is skipped.
 */
import { cp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * @param {object} run
 * @param {string} run.outputDir where the test saves its results
 * @param {string[]} run.codeServerOutput what code-server printed
 * @param {import('playwright-core').Browser} [run.browser]
 * @param {{ stop(): void }} [run.codeServer] as startCodeServer returns it
 * @param {{ dir: string }} [run.profile] as createProfile returns it
 * @param {string} [run.tmp] the temporary directory, profile and workspaces inside
 */
export async function tearDown({ outputDir, codeServerOutput, browser, codeServer, profile, tmp }) {
  await browser?.close();
  codeServer?.stop();
  await writeFile(join(outputDir, 'code-server.log'), codeServerOutput.join(''));
  if (profile) await cp(join(profile.dir, 'user-data/logs'), join(outputDir, 'logs'), { recursive: true }).catch(() => {});
  if (tmp) await rm(tmp, { recursive: true, force: true });
}

/**
 * Klaxon's durable store inside a real VS Code extension host: a test-only extension
 * (store-host/, the store bundled as a product bundle is, node-sqlite3-wasm's files beside it) is
 * installed into code-server 4.100.3 (VS Code 1.100.3); opening a workspace in headless Chromium
 * starts the extension host, whose startup runs the store's round trip and reports it in a file.
 * Needs scripts/setup-code-server.sh. The report is saved under test-output/e2e-store-host/.
 */
import assert from 'node:assert/strict';
import { access, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from './lib/chromium.mjs';
import { createProfile, findCodeServer, installExtension, startCodeServer } from './lib/code-server.mjs';
import { tearDown } from './lib/tear-down.mjs';
import { buildStoreHostExtension } from './store-host/build.mjs';

const repoRoot = resolve(import.meta.dirname, '../..');
const outputDir = join(repoRoot, 'test-output/e2e-store-host');
/** The extension's id, as its package.json makes it: publisher.name. */
const EXTENSION_ID = 'klaxon-test.klaxon-store-host';
/** The extension host's first start is slow on a loaded machine. */
const REPORT_MS = 120_000;

let tmp;
let profile;
let codeServer;
const codeServerOutput = [];
let browser;
/** What the extension reported (see store-host/src/extension.ts). */
let report;

before(async () => {
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  tmp = await mkdtemp(join(tmpdir(), 'klaxon-e2e-store-host-'));
  const vsix = await buildStoreHostExtension(join(tmp, 'build'));
  const bin = await findCodeServer();

  const resultFile = join(tmp, 'result.json');
  profile = await createProfile(join(tmp, 'profile'), { 'klaxonStoreHost.resultFile': resultFile });
  await installExtension(bin, profile, vsix);
  codeServer = startCodeServer(bin, profile, { log: (text) => codeServerOutput.push(text) });
  const url = await codeServer.url;

  const workspace = join(tmp, 'workspace');
  await mkdir(workspace);
  browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  report = JSON.parse(await waitForFile(resultFile, REPORT_MS));
  await writeFile(join(outputDir, 'result.json'), JSON.stringify(report, null, 2));
});

after(() => tearDown({ outputDir, codeServerOutput, browser, codeServer, profile, tmp }));

describe("Klaxon's store in VS Code 1.100's extension host (code-server)", () => {
  it('ran in the extension host that code-server started, not in this process', async () => {
    assert.equal(report.vscodeVersion, '1.100.3');
    assert.notEqual(report.pid, process.pid);
    assert.ok(await descendsFrom(report.pid, codeServer.pid), `pid ${report.pid} is not a descendant of code-server (${codeServer.pid})`);
    assert.ok(report.argv.includes('--type=extensionHost'), `argv: ${report.argv.join(' ')}`);
    assert.match(report.versions.node, /^20\./);
  });

  it('reads back after closing and reopening exactly what it wrote', () => {
    assert.equal(report.error, undefined, report.error?.stack);
    const { written, read, migratedFrom, schemaVersion, integrityProblems } = report.roundTrip;
    assert.deepEqual(migratedFrom, { first: 0, reopened: schemaVersion }, 'the first open made the file, the second found it');
    assert.deepEqual(
      [written.alerts.length, written.silences.length, written.notificationLog.length, written.history.length],
      [2, 2, 1, 3],
    );
    const byFingerprint = (a, b) => a.fingerprint.localeCompare(b.fingerprint);
    assert.deepEqual(read.alerts.toSorted(byFingerprint), written.alerts.toSorted(byFingerprint));
    assert.deepEqual(read.silences, written.silences.toSorted((a, b) => a.id.localeCompare(b.id)));
    assert.deepEqual(read.notificationLog, written.notificationLog);
    assert.deepEqual(
      read.history.map(({ id, ...event }) => event),
      written.history,
    );
    const ids = read.history.map((event) => event.id);
    assert.deepEqual(ids, ids.toSorted((a, b) => a - b), 'history ids follow the order of writing');
    assert.deepEqual(integrityProblems, []);
  });

  it("kept the store in the extension's global storage and released it on close", async () => {
    assert.equal(report.error, undefined, report.error?.message);
    const globalStorage = join(profile.dir, 'user-data/User/globalStorage', EXTENSION_ID);
    assert.equal(report.roundTrip.storagePath, await realpath(globalStorage));
    await access(join(globalStorage, 'klaxon.db'));
    await assert.rejects(access(join(globalStorage, 'klaxon.lock')), { code: 'ENOENT' });
  });
});

/** The file's text once it exists (the extension writes it whole, by a rename). */
async function waitForFile(file, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    if (Date.now() > deadline) {
      throw new Error(`no report in ${file} after ${timeoutMs} ms; code-server said:\n${codeServerOutput.join('').slice(-4000)}`);
    }
    await sleep(250);
  }
}

/** Whether `ancestor` is among the parents of process `pid`, as Linux's /proc tells them. */
async function descendsFrom(pid, ancestor) {
  for (let current = pid; current > 1; ) {
    const status = await readFile(`/proc/${current}/status`, 'utf8');
    current = Number(/^PPid:\s+(\d+)/m.exec(status)[1]);
    if (current === ancestor) return true;
  }
  return false;
}

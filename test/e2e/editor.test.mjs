/**
 * End to end in a real VS Code: the packaged .vsix installed into code-server 4.100.3
 * (VS Code 1.100.3), driven in headless Chromium. Each check looks at the screen and saves a
 * screenshot under test-output/e2e/. Needs scripts/setup-code-server.sh and `npm run package`
 * (`npm run test:e2e` does both in order).
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lookupFunction } from '@klaxon/engine';
import { launchChromium } from './lib/chromium.mjs';
import { createProfile, findCodeServer, installExtension, startCodeServer } from './lib/code-server.mjs';
import { tearDown } from './lib/tear-down.mjs';
import { Workbench } from './lib/workbench.mjs';

const repoRoot = resolve(import.meta.dirname, '../..');
const outputDir = join(repoRoot, 'test-output/e2e');
/** The first start of the extension host and language server is the slow part. */
const SERVER_READY_MS = 90_000;

const BROKEN = 'rules/broken.rules.yml';
const CLEAN = 'rules/clean.rules.yml';
const FAILING_TEST = 'tests/failing.test.yml';
const QUOTED = 'rules/quoted.rules.yml';

let tmp;
let profile;
let codeServer;
const codeServerOutput = [];
let browser;
/** @type {Workbench} */
let workbench;

/** Whitespace-normalised text, so wrapped lines on screen compare equal to the source text. */
const flat = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * Runs a check; `shot()` saves the screenshot that shows what it checked (the check takes it at
 * that moment). A failing check saves the screen as it was at the failure.
 */
async function check(name, fn) {
  // A fresh copy per check: no check sees another's edits, nor VS Code's backups of them.
  workbench.folder = join(tmp, `workspace-${name}`);
  await cp(join(import.meta.dirname, 'workspace'), workbench.folder, { recursive: true });
  try {
    await fn(() => workbench.screenshot(join(outputDir, `${name}.png`)));
  } catch (error) {
    await workbench.screenshot(join(outputDir, `${name}-failed.png`)).catch(() => {});
    throw error;
  }
}

before(async () => {
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  const { version } = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8'));
  const vsix = process.env.KLAXON_VSIX ?? join(repoRoot, `klaxon-${version}.vsix`);
  const bin = await findCodeServer();

  tmp = await mkdtemp(join(tmpdir(), 'klaxon-e2e-'));
  profile = await createProfile(join(tmp, 'profile'), {
    // Auto save (on by default in VS Code for the web) would write the checks' typing to disk.
    'files.autoSave': 'off',
    // The protocol trace goes to the Klaxon output channel, which the last check reads.
    'klaxon.trace.server': 'messages',
  });
  await installExtension(bin, profile, vsix);

  codeServer = startCodeServer(bin, profile, { log: (text) => codeServerOutput.push(text) });
  const url = await codeServer.url;

  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  workbench = new Workbench(page, url);
});

after(() => tearDown({ outputDir, codeServerOutput, browser, codeServer, profile, tmp }));

describe('Klaxon in VS Code 1.100 (code-server)', () => {
  it('underlines a broken expression and lists it in Problems with the parser message', async () => {
    await check('01-broken-expression', async (shot) => {
      await workbench.open(BROKEN);
      const squiggle = workbench.squiggles('error').first();
      await squiggle.waitFor({ timeout: SERVER_READY_MS });
      assert.equal(await workbench.lineAt(squiggle), 6, 'the squiggle is on the expr line');

      const panel = await workbench.problems();
      const entry = panel.locator('.monaco-list-row', { hasText: 'unclosed left parenthesis' });
      await entry.waitFor();
      assert.match(await entry.innerText(), /\[Ln 6, Col \d+\]/);
      assert.match(await panel.locator('.monaco-list-row').first().innerText(), /broken\.rules\.yml/);
      await shot();
    });
  });

  it('colours a single-line expr value with the expression grammar injected into YAML', async () => {
    await check('02-expression-grammar', async (shot) => {
      await workbench.open(CLEAN);
      // `        expr: rate(` - the cursor on the r of rate; the inspector lists its TextMate scopes.
      await workbench.goTo(19, 15);
      await workbench.runCommand('Developer: Inspect Editor Tokens and Scopes');
      const inspector = workbench.page.locator('.token-inspect-widget');
      await inspector.filter({ hasText: 'support.function.promql' }).waitFor();
      const text = await inspector.innerText();
      assert.match(text, /meta\.embedded\.inline\.promql/);
      assert.match(text, /source\.yaml/);
      await shot();
    });
  });

  it('shows a function\'s documentation on hover', async () => {
    await check('03-hover-function', async (shot) => {
      await workbench.open(CLEAN);
      const doc = lookupFunction('rate').doc;
      const hover = await workbench.hover(19, 'rate', doc.slice(0, 40), SERVER_READY_MS);
      assert.ok(flat(await hover.innerText()).includes(flat(doc)), 'the hover shows the documentation of rate');
      await shot();
    });
  });

  it('shows no problems for a clean file, once the server has checked it', async () => {
    await check('04-clean-file', async (shot) => {
      await workbench.open(CLEAN);
      // Proof that the server checks this file: an error typed in appears, and leaves with the undo.
      await workbench.goTo(10);
      await workbench.page.keyboard.type(' (');
      await workbench.squiggles('error').first().waitFor({ timeout: SERVER_READY_MS });
      await workbench.undoAll();
      await workbench.squiggles('error').first().waitFor({ state: 'detached' });

      assert.equal(await workbench.editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info').count(), 0);
      const panel = await workbench.problems();
      assert.equal(await panel.locator('.monaco-list-row', { hasText: 'clean.rules.yml' }).count(), 0, await panel.innerText());
      await shot();
    });
  });

  it('offers rate with its documentation while typing in an expr', async () => {
    await check('05-completion', async (shot) => {
      await workbench.open(CLEAN);
      await workbench.goTo(10);
      await workbench.page.keyboard.type(' and rat');
      const rate = await workbench.suggestion('rate', SERVER_READY_MS);
      assert.equal(await workbench.suggestionRow('rat').count(), 0, 'the half-typed word is no suggestion');
      for (let i = 0; i < 20 && !(await rate.evaluate((row) => row.classList.contains('focused'))); i++) {
        await workbench.page.keyboard.press('ArrowDown');
      }
      // Ctrl+Space on an open list toggles the documentation side panel (VS Code remembers the choice).
      const details = workbench.page.locator('.suggest-details', { hasText: lookupFunction('rate').doc.slice(0, 40) });
      for (let toggles = 0; !(await details.isVisible()); toggles++) {
        assert.ok(toggles < 3, 'the documentation of rate shows beside the list');
        await workbench.page.keyboard.press('Control+Space');
        await details.waitFor({ timeout: 3_000 }).catch(() => {});
      }
      await shot();
    });
  });

  it('shows the diff of a failing unit-test expectation on its exp_alerts entry', async () => {
    await check('06-unit-test-diff', async (shot) => {
      await workbench.open(FAILING_TEST);
      const runTests = workbench.editor.locator('.codelens-decoration a', { hasText: /run tests/i }).first();
      const squiggle = workbench.squiggles('error').first();
      await Promise.race([runTests.waitFor({ timeout: SERVER_READY_MS }), squiggle.waitFor({ timeout: SERVER_READY_MS })]);
      if ((await squiggle.count()) === 0) await runTests.click();
      await squiggle.waitFor({ timeout: SERVER_READY_MS });

      await workbench.goTo(1, 1);
      await workbench.page.keyboard.press('F8');
      const marker = workbench.page.locator('.marker-widget');
      await marker.waitFor();
      const message = await marker.locator('.descriptioncontainer').innerText();
      assert.match(message, /severity="critical"/, 'the expected alert is in the diff');
      assert.match(message, /severity="warning"/, 'the alert the rules produced is in the diff');
      const { line } = await workbench.cursorOff(1);
      assert.ok(line >= 16 && line <= 23, `the diagnostic is on the exp_alerts entry (lines 16-23), not line ${line}`);
      await shot();
    });
  });

  it('shows the server\'s log in the Klaxon output channel (command Klaxon: Show Output)', async () => {
    await check('07-output-channel', async (shot) => {
      await workbench.open(BROKEN);
      await workbench.runCommand('Klaxon: Show Output');
      const channel = workbench.page.locator('.part.panel select.monaco-select-box');
      await workbench.page.waitForFunction((select) => select.value === 'Klaxon', await channel.first().elementHandle());
      const log = workbench.page.locator('.part.panel');
      await log.filter({ hasText: /\[Trace\s-\s[^\]]+\]\s(Sending|Received)\s/ }).waitFor({ timeout: SERVER_READY_MS });
      await shot();
    });
  });

  it('suggests by itself while typing inside a quoted expr, and not the word being typed', async () => {
    await check('08-completion-in-quotes', async (shot) => {
      await workbench.open(QUOTED);
      // The server answers (a hover on `up`) before the typing starts: quick suggestions ask once.
      await workbench.hover(6, 'up', 'metric', SERVER_READY_MS);
      await workbench.moveMouseAway();
      // `        expr: "up == 0"`: the cursor before the closing quote.
      await workbench.goTo(6, 23);
      // Quick suggestions inside YAML strings are on by VS Code 1.100's own YAML extension
      // (`[yaml]: editor.quickSuggestions.strings`); no Ctrl+Space here.
      await workbench.page.keyboard.type(' and ra', { delay: 50 });
      const rate = workbench.suggestionRow('rate');
      await rate.waitFor({ timeout: 10_000 });
      assert.equal(await workbench.suggestionRow('ra').count(), 0, 'the half-typed word is no suggestion');
      await shot();
    });
  });
});

/**
 * Drives VS Code's workbench in the browser the way a user does, waiting for what the screen shows
 * rather than for time to pass. Selectors are VS Code 1.100's.
 */

export class Workbench {
  /** @param {import('playwright-core').Page} page @param {string} baseUrl */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
    /** The workspace folder that `open` opens; each check gets a fresh copy. */
    this.folder = undefined;
  }

  /** Loads the workbench on `folder` with `file` (relative to it) open in the editor. */
  async open(file) {
    const host = new URL(this.baseUrl).host;
    const payload = JSON.stringify([['openFile', `vscode-remote://${host}${this.folder}/${file}`]]);
    await this.page.goto(`${this.baseUrl}/?folder=${encodeURIComponent(this.folder)}&payload=${encodeURIComponent(payload)}`);
    const name = file.split('/').pop();
    await this.page.locator('.tab.active', { hasText: name }).waitFor();
    await this.editor.locator('.view-line').first().waitFor();
  }

  get editor() {
    return this.page.locator('.editor-instance .monaco-editor').first();
  }

  /** Moves the cursor with Go to Line (Ctrl+G); column 0 means the end of the line. */
  async goTo(line, column = 0) {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(column > 0 ? `:${line}:${column}` : `:${line}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    if (column === 0) await this.page.keyboard.press('End');
    await this.page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line},` }).waitFor();
  }

  async focusEditor() {
    await this.editor.locator('textarea').first().focus();
  }

  /** The cursor's 1-based line and column, from the status bar. */
  async cursor() {
    const text = await this.page.locator('[id="status.editor.selection"]').innerText();
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    if (!match) throw new Error(`no cursor position in the status bar: ${text}`);
    return { line: Number(match[1]), column: Number(match[2]) };
  }

  /**
   * The cursor position once the status bar shows it off `line` (the status bar follows a move of
   * the cursor a moment later); after `timeoutMs`, the position it shows then.
   */
  async cursorOff(line, timeoutMs = 3_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const position = await this.cursor();
      if (position.line !== line || Date.now() > deadline) return position;
      await this.page.waitForTimeout(50);
    }
  }

  /** The 1-based line whose gutter number sits level with `locator`'s middle. */
  async lineAt(locator) {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element is not on screen');
    const middle = box.y + box.height / 2;
    const numbers = this.editor.locator('.margin-view-overlays .line-numbers');
    for (const number of await numbers.all()) {
      const b = await number.boundingBox();
      if (b && middle >= b.y && middle < b.y + b.height) return Number((await number.innerText()).trim());
    }
    throw new Error('no line number level with the element');
  }

  squiggles(kind = 'error') {
    return this.editor.locator(`.squiggly-${kind}`);
  }

  /** Opens the Problems panel unless it is open, and returns it. */
  async problems() {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.locator('[id="status.problems"]').click();
      await panel.waitFor();
    }
    return panel;
  }

  /**
   * Rests the mouse on the token `text` on 1-based `line` until a hover containing `expected`
   * shows. A hover asked before the language server registered gets no answer, so this asks again.
   */
  async hover(line, text, expected, timeout) {
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: expected }).first();
    await retry(timeout, async () => {
      await this.moveMouseAway();
      const box = await (await this.token(line, text)).boundingBox();
      if (!box) throw new Error(`token ${text} is not on screen`);
      await this.page.mouse.move(box.x + 1, box.y + box.height / 2);
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      await hover.waitFor({ timeout: 5_000 });
    });
    return hover;
  }

  /**
   * Waits for a language server's suggestion `label` in the completion list (not VS Code's own
   * suggestion of a word in the file, which shows when no server has answered yet), asking again
   * (Ctrl+Space) when the list came before the server registered or without the item.
   */
  async suggestion(label, timeout) {
    const row = this.suggestionRow(label);
    await retry(timeout, async () => {
      if (!(await row.isVisible())) {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('Control+Space');
      }
      await row.waitFor({ timeout: 5_000 });
    });
    return row;
  }

  /** The row of a language server's suggestion `label` in the open completion list (VS Code's own word suggestions left out). */
  suggestionRow(label) {
    return this.page
      .locator('.editor-widget.suggest-widget.visible .monaco-list-row:not(:has(.codicon-symbol-text))')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  }

  /** The rendered span of the token `text` on 1-based `line`. */
  async token(line, text) {
    const viewLine = await this.viewLineOf(line);
    const token = viewLine.locator('span > span').filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) }).first();
    await token.waitFor();
    return token;
  }

  /** The `.view-line` that is level with 1-based `line`'s number in the gutter. */
  async viewLineOf(line) {
    const number = this.editor.locator('.margin-view-overlays .line-numbers').filter({ hasText: new RegExp(`^\\s*${line}\\s*$`) }).first();
    await number.waitFor();
    const target = await number.boundingBox();
    for (const viewLine of await this.editor.locator('.view-lines .view-line').all()) {
      const box = await viewLine.boundingBox();
      if (box && Math.abs(box.y - target.y) < 2) return viewLine;
    }
    throw new Error(`line ${line} is not on screen`);
  }

  async moveMouseAway() {
    // The empty part of the side bar: nothing there shows a hover or a tooltip.
    await this.page.mouse.move(150, 700);
    await this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first().waitFor({ state: 'hidden' });
  }

  /** Undoes edits until the active editor's tab is no longer dirty. */
  async undoAll() {
    await this.focusEditor();
    for (let i = 0; i < 50 && (await this.page.locator('.tab.active.dirty').count()) > 0; i++) {
      await this.page.keyboard.press('Control+Z');
    }
    await this.page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
  }

  /** Runs a command by its title from the Command Palette (F1). */
  async runCommand(title) {
    await this.focusEditor();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
    await input.waitFor({ state: 'hidden' });
  }

  async screenshot(path) {
    await this.page.screenshot({ path });
  }
}

/** Runs `attempt` until it succeeds; after `timeout` ms the last failure is thrown. */
async function retry(timeout, attempt) {
  const deadline = performance.now() + timeout;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (performance.now() > deadline) throw error;
    }
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

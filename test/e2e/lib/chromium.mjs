/**
 * Headless Chromium as the end-to-end tests drive it: Debian's /usr/bin/chromium (or
 * $KLAXON_CHROMIUM), with no sandbox, GPU or background traffic.
 */
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.KLAXON_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

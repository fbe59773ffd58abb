import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { withAutoUnlock } from './auto-unlock.ts';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Whether the e2e suite can run. CI sets REQUIRE_CHROMIUM=1: there a missing browser fails the run.
 * Elsewhere the suite is skipped with the reason printed.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env['REQUIRE_CHROMIUM'] === '1') throw new Error(`REQUIRE_CHROMIUM=1 but there is no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  console.warn(`End-to-end tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium).`);
  return false;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Debian's Chromium, headless, with the flags that keep it off the (closed) network. Its contexts type the
 * app lock's passphrase whenever the app asks (auto-unlock.ts), so tests of other features need not.
 */
export async function launchChromium(): Promise<Browser> {
  return withAutoUnlock(await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS }));
}

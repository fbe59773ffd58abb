/**
 * Unlock time in Chromium at 4x CPU throttling (issue 10: at most 1 s): PBKDF2-SHA-256 at the app's
 * iteration count, then unwrapping the data key, exactly as src/app/lock/crypto.ts does. A figure for the
 * report, not a timed test. Run alone: `npx tsx bench/unlock.ts`.
 */
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/browser.ts';
import { PBKDF2_ITERATIONS } from '../src/app/lock/crypto.ts';

const server = createServer((_req, res) => res.end('<!doctype html><title>bench</title>'));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/`);
const cdp = await page.context().newCDPSession(page);
for (const rate of [1, 4]) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  // A string, not a function: tsx would wrap a function's inner helpers in a __name() the page does not have.
  const times = await page.evaluate<number[]>(`(async () => {
    const subtle = crypto.subtle;
    const aes = { name: 'AES-GCM', length: 256 };
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    async function derive() {
      const material = await subtle.importKey('raw', new TextEncoder().encode('seven quiet rivers'), 'PBKDF2', false, ['deriveKey']);
      return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ${PBKDF2_ITERATIONS} }, material, aes, false, ['wrapKey', 'unwrapKey']);
    }
    const data = await subtle.generateKey(aes, true, ['encrypt', 'decrypt']);
    const wrapped = await subtle.wrapKey('raw', data, await derive(), { name: 'AES-GCM', iv });
    const out = [];
    for (let i = 0; i < 5; i += 1) {
      const start = performance.now();
      await subtle.unwrapKey('raw', wrapped, await derive(), { name: 'AES-GCM', iv }, aes, false, ['encrypt', 'decrypt']);
      out.push(performance.now() - start);
    }
    return out;
  })()`);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`CPU x${rate}: unlock (PBKDF2-SHA-256 ${PBKDF2_ITERATIONS} + unwrap) median ${sorted[2]?.toFixed(0)} ms, max ${sorted[4]?.toFixed(0)} ms`);
}
await browser.close();
server.close();

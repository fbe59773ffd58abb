import type { Browser, BrowserContext } from 'playwright-core';

/** The passphrase the e2e suite's observers lock their app with. */
export const E2E_PASSPHRASE = 'a passphrase for the tests';

/**
 * Runs in every page of a context: whenever the app asks for its passphrase (the setup after sign-in, the lock
 * screen after a reload), types the passphrase and submits, as the observer would. Tests of other features
 * then run as before; tests of the lock itself use contexts without it (tests/e2e/app-lock.test.ts).
 * A string, not a function: tsx (benchmarks) would wrap a function's inner helpers in a __name() the page lacks.
 */
const TYPE_PASSPHRASE_WHEN_ASKED = `(() => {
  const passphrase = ${JSON.stringify(E2E_PASSPHRASE)};
  function act() {
    for (const id of ['new-passphrase', 'confirm-passphrase', 'passphrase']) {
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement && input.dataset.autoFilled !== '1' && input.value === '') {
        input.dataset.autoFilled = '1';
        input.value = passphrase;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        if (id !== 'new-passphrase') setTimeout(() => input.form && input.form.requestSubmit(), 0);
      }
    }
  }
  function start() { new MutationObserver(act).observe(document.documentElement, { childList: true, subtree: true }); }
  if (document.documentElement === null) document.addEventListener('DOMContentLoaded', start);
  else start();
})();`;

export async function autoUnlock(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript({ content: TYPE_PASSPHRASE_WHEN_ASKED });
  return context;
}

/** Every context the browser makes from now on types the passphrase when asked. */
export function withAutoUnlock(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => autoUnlock(await newContext(...args));
  return browser;
}

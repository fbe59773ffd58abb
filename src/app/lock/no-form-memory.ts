/**
 * Chromium remembers what is typed into text fields in two places outside the app's storage, found by searching
 * a profile folder (tests/e2e/app-lock.test.ts): its autofill suggestions (the profile's "Web Data" database)
 * and the page state it keeps for session restore (the "Sessions" folder). Neither is encrypted by the app or
 * removed by a wipe. Both skip fields marked autocomplete="off", so every text field that does not name its
 * own purpose (the sign-in fields do, for password managers) is marked so the moment it takes focus, before
 * anything is typed. One listener for the whole app, so no screen can forget it.
 */
export function keepFieldsOutOfBrowserMemory(root: Document = document): void {
  root.addEventListener(
    'focusin',
    (event) => {
      const field = event.target;
      if ((field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) && !field.hasAttribute('autocomplete')) field.setAttribute('autocomplete', 'off');
    },
    { capture: true },
  );
}

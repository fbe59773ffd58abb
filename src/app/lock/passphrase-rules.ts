/**
 * What the observer may choose. A passphrase of at least 8 characters, or a PIN of at least 6 digits: a PIN is
 * quicker to type at a checkpoint but far easier to guess from a copy of the phone's files, and the setup
 * screen says so (the honest warning the issue asks for).
 */
export type PassphraseCheck = { ok: true; pin: boolean } | { ok: false; problem: 'too_short' | 'pin_too_short' | 'mismatch' };

export function checkPassphrase(passphrase: string, confirmation: string): PassphraseCheck {
  const pin = /^\d+$/.test(passphrase);
  if (pin && passphrase.length < 6) return { ok: false, problem: 'pin_too_short' };
  if (!pin && Array.from(passphrase).length < 8) return { ok: false, problem: 'too_short' };
  if (passphrase !== confirmation) return { ok: false, problem: 'mismatch' };
  return { ok: true, pin };
}

/**
 * Why a sealed value could not be made or opened, as a stable code (the app translates it; the export
 * command prints it). AES-GCM cannot tell a wrong key from altered bytes or a box moved to another
 * record, so all three are `cannot_open`.
 */
export type SealFault =
  | 'malformed' // not a sealed box of a version this code knows
  | 'bad_public_key' // not a P-256 public key
  | 'not_a_recipient' // the box was not sealed to this key
  | 'cannot_open' // wrong key, altered bytes, or sealed for another record or version
  | 'wrong_passphrase'; // a passphrase-wrapped key did not open

export class SealError extends Error {
  constructor(readonly fault: SealFault) {
    super(`seal_${fault}`);
    this.name = 'SealError';
  }
}

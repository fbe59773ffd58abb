/**
 * The plaintext of the records this connection sealed or opened last, kept beside the exact sealed bytes
 * they belong to (encryption.ts). Autosave reads the report it wrote a moment ago, and every live query
 * reads it again after each write: when IndexedDB hands back bytes identical to the ones sealed or opened
 * here for the same record, their plaintext is already known, and decrypting them again would only add a
 * WebCrypto round trip (and the transaction kept busy meanwhile) to every keystroke. Anything else (a
 * record another tab wrote, bytes altered on disk) differs in its random IV or its bytes and is decrypted
 * and checked as usual. Small and per connection: the database object, and this with it, is dropped on lock.
 */

const LIMIT = 64;

interface Opened {
  readonly sealed: Uint8Array<ArrayBuffer>;
  readonly plain: Uint8Array<ArrayBuffer>;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

export class OpenedRecords {
  private readonly entries = new Map<string, Opened>();

  /** The plaintext of these sealed bytes of this record, when they are exactly the ones remembered. */
  plainOf(context: string, sealed: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
    const entry = this.entries.get(context);
    return entry !== undefined && sameBytes(entry.sealed, sealed) ? entry.plain : undefined;
  }

  remember(context: string, sealed: Uint8Array<ArrayBuffer>, plain: Uint8Array<ArrayBuffer>): void {
    // Re-inserted so the Map's order is least recently used first.
    this.entries.delete(context);
    this.entries.set(context, { sealed, plain });
    if (this.entries.size > LIMIT) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }
}

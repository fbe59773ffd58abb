import { randomUUID } from 'node:crypto';

/**
 * The pull's answer as JSON, with each published form's definition written from text kept for it.
 * A device's first pull carries every published form (about half a megabyte of definitions), and
 * serialising those same definitions again for every new device was the largest single cost of the
 * pull under sync load. The form objects come from published-forms.ts, which keeps one object per
 * published version for the life of the process, so their text can be kept beside them: a published
 * version never changes.
 *
 * Anything that is not a pull page (an error body a hook put in its place) is plain JSON.stringify.
 */
export function pullJson(payload: unknown): string {
  if (!isPage(payload)) return JSON.stringify(payload);
  const changes = payload.changes.map((change) => {
    if (!isRecord(change)) return JSON.stringify(change);
    const data = change['data'];
    const kept = change['entity'] === 'form' && isRecord(data) ? formText(data) : undefined;
    return kept === undefined ? JSON.stringify(change) : JSON.stringify({ ...change, data: HOLE }).replace(HOLE_JSON, () => kept);
  });
  return JSON.stringify({ ...payload, changes: HOLE }).replace(HOLE_JSON, () => `[${changes.join(',')}]`);
}

/**
 * Where kept text goes: a string nobody can send (it holds a random value made at start and never
 * shown), written by JSON.stringify as HOLE_JSON and then replaced.
 */
const HOLE = `\u0000pull-json-${randomUUID()}`;
const HOLE_JSON = JSON.stringify(HOLE);

const texts = new WeakMap<object, string>();

function formText(form: Record<string, unknown>): string {
  let text = texts.get(form);
  if (text === undefined) {
    text = JSON.stringify(form);
    texts.set(form, text);
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPage(value: unknown): value is Record<string, unknown> & { changes: readonly unknown[] } {
  return isRecord(value) && Array.isArray(value['changes']);
}

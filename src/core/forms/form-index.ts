import type { FieldItem, Form, Item, RepeatItem } from './types.ts';

/** Items by id, built once per loaded form: evaluation runs on every keystroke and must not rebuild it. */
export interface FormIndex {
  /** Top-level items (fields and repeats) in form order. */
  readonly top: ReadonlyMap<string, Item>;
  /** Each repeat's inner items by id. */
  readonly inner: ReadonlyMap<string, ReadonlyMap<string, FieldItem>>;
  readonly repeats: readonly RepeatItem[];
}

const cache = new WeakMap<Form, FormIndex>();

export function indexForm(form: Form): FormIndex {
  const known = cache.get(form);
  if (known !== undefined) return known;
  const top = new Map<string, Item>();
  const inner = new Map<string, Map<string, FieldItem>>();
  const repeats: RepeatItem[] = [];
  for (const section of form.sections) {
    for (const item of section.items) {
      top.set(item.id, item);
      if (item.type === 'repeat') {
        repeats.push(item);
        inner.set(item.id, new Map(item.items.map((i) => [i.id, i])));
      }
    }
  }
  const index = { top, inner, repeats };
  cache.set(form, index);
  return index;
}

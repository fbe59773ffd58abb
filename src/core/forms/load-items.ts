import type { CompanionTextKey, CompanionTexts } from './companion-text.ts';
import { itemKeys } from './load-shape.ts';
import { isObject, readLocalized, type Fail, type Json } from './load-text.ts';
import {
  ATTACHMENT_KINDS,
  ITEM_ROLES,
  SOURCE_KINDS,
  type AttachmentKind,
  type Choice,
  type CompanionRole,
  type Companions,
  type FieldItem,
  type Item,
  type ItemRole,
  type ItemType,
  type LocalizedText,
} from './types.ts';

/** Where an item lives: its repeat (if any) decides which fields its conditions may read. */
export interface Place {
  readonly item: Item;
  /** The author's item, or for a companion the property that asked for it (".../source"). */
  readonly path: string;
  readonly repeatId: string | undefined;
  /** The author's JSON, kept so conditions can be read once every id is known; absent on companions. */
  readonly raw?: Json;
}

export interface ItemsContext {
  readonly fail: Fail;
  readonly languages: readonly string[];
  readonly companionText: CompanionTexts;
  readonly places: Map<string, Place>;
  /** The item that declared each role, with the path of its "role", so a second one is reported. */
  readonly roles: Map<ItemRole, { readonly item: string; readonly path: string }>;
}

const ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const CHOICE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
const DEFAULT_MAX_TEXT = 20_000;
const DEFAULT_MAX_ROWS = 100;
const DEFAULT_MAX_FILES = 20;
const MAX_FILES = 100;

/** Each item type's property names, from the shape in load-shape.ts (the one forms/schema.json is made of). */
const ITEM_KEYS = itemKeys();
const ITEM_TYPES = [...ITEM_KEYS.keys()];
const ANY_ITEM_KEY = new Set([...ITEM_KEYS.values()].flat());

function isItemType(value: unknown): value is ItemType {
  return typeof value === 'string' && ITEM_KEYS.has(value);
}

/**
 * Reads a list of authored items, adding the companions that "details" and "source" ask for right
 * after their item. Conditions are left for later, when every id in the form is known.
 */
export function readItems(ctx: ItemsContext, value: unknown, path: string, repeatId: string | undefined): Item[] {
  if (!Array.isArray(value) || value.length === 0) {
    ctx.fail(path, 'no_items');
    return [];
  }
  return value.flatMap((raw, index) => readItem(ctx, raw, `${path}/${index}`, repeatId));
}

function register(ctx: ItemsContext, place: Place, idPath: string): void {
  const clash = ctx.places.get(place.item.id);
  if (clash === undefined) ctx.places.set(place.item.id, place);
  else ctx.fail(idPath, 'duplicate_item_id', { id: place.item.id, also: clash.path });
}

function readItem(ctx: ItemsContext, raw: unknown, path: string, repeatId: string | undefined): Item[] {
  const { fail } = ctx;
  if (!isObject(raw)) {
    fail(path, 'item_not_object');
    return [];
  }
  const type = raw['type'];
  if (!isItemType(type)) {
    fail(`${path}/type`, 'unknown_item_type', { type: JSON.stringify(type) ?? 'nothing', types: ITEM_TYPES.join(', ') });
    return [];
  }
  const allowed = ITEM_KEYS.get(type) ?? [];
  for (const key of Object.keys(raw)) {
    if (!ANY_ITEM_KEY.has(key)) fail(`${path}/${key}`, 'unknown_property', { key });
    else if (!allowed.includes(key)) fail(`${path}/${key}`, 'property_not_for_type', { key, type });
  }
  const id = typeof raw['id'] === 'string' && ID_PATTERN.test(raw['id']) ? raw['id'] : '';
  if (id === '') {
    fail(`${path}/id`, 'bad_item_id');
    return [];
  }
  const text = (value: unknown, at: string, required: boolean): LocalizedText | undefined => readLocalized(value, at, required, ctx.languages, fail);
  const required = raw['required'] ?? false;
  if (typeof required !== 'boolean') fail(`${path}/required`, 'not_true_or_false', { key: 'required' });
  const help = text(raw['help'], `${path}/help`, false);
  const base = { id, label: text(raw['label'], `${path}/label`, true) ?? {}, ...(help === undefined ? {} : { help }), required: required === true };

  const readInt = (key: string, minimum?: number): number | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || (minimum !== undefined && value < minimum)) {
      if (minimum === undefined) fail(`${path}/${key}`, 'not_whole_number');
      else fail(`${path}/${key}`, 'not_whole_number_from', { min: minimum });
      return undefined;
    }
    return value;
  };
  const minMax = (minimum: number | undefined, fallbackMin: number | undefined, fallbackMax: number | undefined): { min?: number; max?: number } => {
    const min = readInt('min', minimum) ?? fallbackMin;
    const max = readInt('max', minimum) ?? fallbackMax;
    if (min !== undefined && max !== undefined && min > max) fail(`${path}/max`, 'max_below_min');
    return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  };

  let item: Item;
  switch (type) {
    case 'text':
    case 'longtext':
      item = { ...base, type, maxLength: readInt('maxLength', 1) ?? DEFAULT_MAX_TEXT };
      break;
    case 'integer':
      item = { ...base, type, ...minMax(undefined, undefined, undefined) };
      break;
    case 'date':
    case 'time':
    case 'scale':
    case 'note':
      item = { ...base, type };
      break;
    case 'single':
    case 'multiple':
      item = { ...base, type, choices: readChoices(ctx, raw['choices'], `${path}/choices`) };
      break;
    case 'attachment': {
      const max = readInt('max', 1) ?? DEFAULT_MAX_FILES;
      if (max > MAX_FILES) fail(`${path}/max`, 'too_many_files', { max: MAX_FILES });
      const faces = raw['faces'] ?? false;
      if (typeof faces !== 'boolean') fail(`${path}/faces`, 'not_true_or_false', { key: 'faces' });
      item = { ...base, type, accept: readAccept(ctx, raw['accept'], `${path}/accept`), max, faces: faces === true };
      break;
    }
    case 'repeat': {
      if (repeatId !== undefined) fail(`${path}/type`, 'nested_repeat');
      const { min = 0, max = DEFAULT_MAX_ROWS } = minMax(0, 0, DEFAULT_MAX_ROWS);
      const inner = readItems(ctx, raw['items'], `${path}/items`, id).filter((i): i is FieldItem => i.type !== 'repeat');
      item = { ...base, type, min, max, items: inner };
      break;
    }
  }
  if (id === '_row') fail(`${path}/id`, 'reserved_row_id');
  if (type === 'date' && raw['role'] !== undefined) readRole(ctx, raw['role'], `${path}/role`, id, repeatId);
  if (item.type === 'repeat' || item.type === 'note') {
    register(ctx, { item, path, repeatId, raw }, `${path}/id`);
    return [item];
  }
  const companions = readCompanions(ctx, item.id, raw, path);
  const parent = companions.length === 0 ? item : { ...item, companions: companionIds(companions) };
  register(ctx, { item: parent, path, repeatId, raw }, `${path}/id`);
  for (const companion of companions) {
    const at = `${path}/${companion.companionOf?.role === 'details' ? 'details' : 'source'}`;
    register(ctx, { item: companion, path: at, repeatId }, at);
  }
  return [parent, ...companions];
}

/** "role": what the app reads the answer as; only on top-level date items (the key check stops other types), once per form. */
function readRole(ctx: ItemsContext, value: unknown, path: string, itemId: string, repeatId: string | undefined): void {
  const role = ITEM_ROLES.find((r) => r === value);
  if (role === undefined) return ctx.fail(path, 'bad_role', { roles: ITEM_ROLES.join(', ') });
  if (repeatId !== undefined) return ctx.fail(path, 'role_in_repeat', { repeat: repeatId, role });
  const earlier = ctx.roles.get(role);
  if (earlier !== undefined) return ctx.fail(path, 'duplicate_role', { item: earlier.item, role, at: earlier.path });
  ctx.roles.set(role, { item: itemId, path });
}

function companionIds(companions: readonly FieldItem[]): Companions {
  const idOf = (role: CompanionRole): { id: string } | undefined => companions.find((c) => c.companionOf?.role === role);
  const details = idOf('details')?.id;
  const source = idOf('source')?.id;
  const sourceRole = idOf('source_role')?.id;
  return {
    ...(details === undefined ? {} : { details }),
    ...(source === undefined ? {} : { source }),
    ...(sourceRole === undefined ? {} : { sourceRole }),
  };
}

/** The "what exactly happened" and "how do you know" items that the author asked for, in that order. */
function readCompanions(ctx: ItemsContext, itemId: string, raw: Json, path: string): FieldItem[] {
  const { fail, companionText, languages } = ctx;
  const added: FieldItem[] = [];
  const details = raw['details'];
  if (details !== undefined && details !== false) {
    const at = `${path}/details`;
    if (raw['concern'] === undefined) fail(at, 'details_without_concern');
    if (details === true || isObject(details)) {
      const custom = isObject(details) ? details : undefined;
      if (custom !== undefined) for (const key of Object.keys(custom)) if (key !== 'label' && key !== 'help') fail(`${at}/${key}`, 'unknown_property', { key });
      const label = custom === undefined ? companionText('details', at) : readLocalized(custom['label'], `${at}/label`, true, languages, fail);
      const help = custom === undefined ? companionText('detailsHelp', at) : readLocalized(custom['help'], `${at}/help`, false, languages, fail);
      added.push({
        id: `${itemId}_details`,
        type: 'longtext',
        label: label ?? {},
        ...(help === undefined ? {} : { help }),
        required: false,
        maxLength: DEFAULT_MAX_TEXT,
        companionOf: { item: itemId, role: 'details' },
      });
    } else {
      fail(at, 'bad_details');
    }
  }
  const source = raw['source'];
  if (source !== undefined && source !== false) {
    const at = `${path}/source`;
    const say = (key: CompanionTextKey): LocalizedText => companionText(key, at);
    if (source !== true) fail(at, 'not_true_or_false', { key: 'source' });
    else
      added.push(
        {
          id: `${itemId}_source`,
          type: 'single',
          label: say('source'),
          required: true,
          choices: SOURCE_KINDS.map((value) => ({ value, label: say(value) })),
          companionOf: { item: itemId, role: 'source' },
        },
        {
          id: `${itemId}_source_role`,
          type: 'text',
          label: say('role'),
          help: say('roleHelp'),
          required: false,
          maxLength: 200,
          companionOf: { item: itemId, role: 'source_role' },
        },
      );
  }
  return added;
}

function readChoices(ctx: ItemsContext, value: unknown, path: string): Choice[] {
  if (!Array.isArray(value) || value.length === 0) {
    ctx.fail(path, 'no_choices');
    return [];
  }
  const seen = new Set<string>();
  const choices: Choice[] = [];
  value.forEach((raw, index) => {
    const at = `${path}/${index}`;
    if (!isObject(raw) || typeof raw['value'] !== 'string' || !CHOICE_PATTERN.test(raw['value'])) {
      ctx.fail(`${at}/value`, 'bad_choice_value');
      return;
    }
    for (const key of Object.keys(raw)) if (key !== 'value' && key !== 'label') ctx.fail(`${at}/${key}`, 'unknown_property', { key });
    if (seen.has(raw['value'])) ctx.fail(`${at}/value`, 'duplicate_choice', { value: raw['value'] });
    seen.add(raw['value']);
    choices.push({ value: raw['value'], label: readLocalized(raw['label'], `${at}/label`, true, ctx.languages, ctx.fail) ?? {} });
  });
  return choices;
}

function readAccept(ctx: ItemsContext, value: unknown, path: string): AttachmentKind[] {
  if (!Array.isArray(value) || value.length === 0) {
    ctx.fail(path, 'bad_accept', { kinds: ATTACHMENT_KINDS.join(', ') });
    return [];
  }
  const kinds: AttachmentKind[] = [];
  value.forEach((raw, index) => {
    const kind = ATTACHMENT_KINDS.find((k) => k === raw);
    if (kind === undefined) ctx.fail(`${path}/${index}`, 'unknown_attachment_kind', { value: JSON.stringify(raw) ?? 'nothing', kinds: ATTACHMENT_KINDS.join(', ') });
    else if (kinds.includes(kind)) ctx.fail(`${path}/${index}`, 'kind_listed_twice', { kind });
    else kinds.push(kind);
  });
  return kinds;
}

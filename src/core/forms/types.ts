/**
 * The form model after loading: what the engine, the app and the server work with.
 * Authors write the JSON format described in forms/README.md; load-form.ts turns it into this shape
 * (conditions normalised into tagged unions, defaults filled in) or reports every fault with its path.
 */

/** Text in several languages, keyed by language code ("en", "ru", ...). */
export type LocalizedText = Readonly<Record<string, string>>;

export const SCALE_VALUES = ['yes', 'no', 'partly', 'not_observed', 'not_applicable'] as const;
export type ScaleValue = (typeof SCALE_VALUES)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FORM_LEVELS = ['case', 'hearing', 'detention', 'judgment', 'incident', 'interview'] as const;
export type FormLevel = (typeof FORM_LEVELS)[number];

export type Scalar = string | number | boolean;

export type CompareOp = 'gt' | 'gte' | 'lt' | 'lte';

export const ATTACHMENT_KINDS = ['photo', 'document', 'audio'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * What an item's answer means to the app beyond the form: "hearing_date" is the day the report is filed
 * under (hearing-date.ts). A form declares it with "role" on one top-level date item.
 */
export const ITEM_ROLES = ['hearing_date'] as const;
export type ItemRole = (typeof ITEM_ROLES)[number];

/** How the monitor knows what they recorded (the "source" companion's options). */
export const SOURCE_KINDS = ['saw', 'file', 'told'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * How the monitor knows, as the newer checklists ask it (hearing@4 on): the built-in three, plus "said
 * in court" (by whom, as a role) and "a public source". These forms write the question themselves as
 * `<id>_how_known` (a single choice of these values) and `<id>_how_known_role` right after the item, so
 * that the older versions, whose built-in "source" companion offers three choices, stay as published.
 */
export const FACT_SOURCE_KINDS = ['saw', 'file', 'court', 'told', 'public'] as const;
export type FactSourceKind = (typeof FACT_SOURCE_KINDS)[number];
export const HOW_KNOWN_SUFFIX = '_how_known';
export const HOW_KNOWN_ROLE_SUFFIX = '_how_known_role';

/**
 * Comparisons work on integers, dates ("YYYY-MM-DD") and clock times ("HH:MM"); dates and times compare
 * as text because their fixed-width form sorts in time order. `compare_field` compares two answers.
 */
export type Condition =
  | { readonly kind: 'equals'; readonly field: string; readonly value: Scalar }
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly Scalar[] }
  | { readonly kind: 'answered'; readonly field: string; readonly answered: boolean }
  | { readonly kind: 'compare'; readonly field: string; readonly op: CompareOp; readonly value: number | string }
  | { readonly kind: 'compare_field'; readonly field: string; readonly op: CompareOp; readonly other: string }
  /**
   * How many rows of `repeat` satisfy `where` (read in each row), compared with `value`. Only in concern
   * rules, for findings that rest on a pattern across rows (defence motions refused while the prosecution's
   * are granted); `where` reads only items that are always shown in their row, so raw answers are right.
   */
  | { readonly kind: 'count'; readonly repeat: string; readonly where: Condition; readonly op: CompareOp; readonly value: number }
  | { readonly kind: 'all'; readonly of: readonly Condition[] }
  | { readonly kind: 'any'; readonly of: readonly Condition[] }
  | { readonly kind: 'not'; readonly of: Condition };

export interface Choice {
  readonly value: string;
  readonly label: LocalizedText;
}

/** Which answers of an item signal a fair-trial concern, and which rights are at stake. */
export interface ConcernRule {
  readonly when: Condition;
  readonly rights: readonly string[];
  readonly severity: Severity;
  /** Text items whose answers explain the concern, quoted in the finding after the details text. */
  readonly words?: readonly string[];
}

/** An answer the form refuses at finalising: `invalidWhen` holds, so `message` is shown. */
export interface Constraint {
  readonly invalidWhen: Condition;
  readonly message: LocalizedText;
}

/**
 * Companion items are written by the loader, not the author: "details" (what exactly happened, open
 * while the concern holds), "source" (how the monitor knows) and "source_role" (who told them).
 */
export type CompanionRole = 'details' | 'source' | 'source_role';

export interface Companions {
  readonly details?: string;
  readonly source?: string;
  readonly sourceRole?: string;
}

interface ItemBase {
  readonly id: string;
  readonly label: LocalizedText;
  readonly help?: LocalizedText;
  readonly required: boolean;
  readonly relevant?: Condition;
  readonly concern?: ConcernRule;
  readonly constraints?: readonly Constraint[];
  /** On an authored item: the ids of the companions the loader added after it. */
  readonly companions?: Companions;
  /** On a companion: the item it belongs to, and what it asks. */
  readonly companionOf?: { readonly item: string; readonly role: CompanionRole };
}

export interface TextItem extends ItemBase {
  readonly type: 'text' | 'longtext';
  readonly maxLength: number;
}
export interface IntegerItem extends ItemBase {
  readonly type: 'integer';
  readonly min?: number;
  readonly max?: number;
}
export interface DateItem extends ItemBase {
  readonly type: 'date';
}
export interface TimeItem extends ItemBase {
  readonly type: 'time';
}
export interface ChoiceItem extends ItemBase {
  readonly type: 'single' | 'multiple';
  readonly choices: readonly Choice[];
}
export interface ScaleItem extends ItemBase {
  readonly type: 'scale';
}
export interface NoteItem extends ItemBase {
  readonly type: 'note';
}
/** Answer: a list of attachment references ("sha256:<hex>"); the files themselves travel separately. */
export interface AttachmentItem extends ItemBase {
  readonly type: 'attachment';
  readonly accept: readonly AttachmentKind[];
  readonly max: number;
  /** False unless the author says otherwise: the app reminds the monitor not to photograph faces. */
  readonly faces: boolean;
}
export interface RepeatItem extends ItemBase {
  readonly type: 'repeat';
  readonly min: number;
  readonly max: number;
  readonly items: readonly FieldItem[];
}

/** Items that may stand inside a repeat (repeats do not nest). */
export type FieldItem = TextItem | IntegerItem | DateItem | TimeItem | ChoiceItem | ScaleItem | NoteItem | AttachmentItem;
export type Item = FieldItem | RepeatItem;
export type ItemType = Item['type'];

export interface Section {
  readonly id: string;
  readonly title: LocalizedText;
  /** Already folded into each of the section's items; kept so the app can hide the whole section. */
  readonly relevant?: Condition;
  readonly items: readonly Item[];
}

export interface Form {
  readonly id: string;
  readonly version: number;
  readonly level: FormLevel;
  readonly languages: readonly string[];
  readonly title: LocalizedText;
  readonly sections: readonly Section[];
  /** The id of the date item declared with "role": "hearing_date", when the form has one. */
  readonly hearingDateItem?: string;
}

/** Picks the text for a language, falling back to the form's first language, then to any text. */
export function localize(text: LocalizedText | undefined, language: string, fallback = 'en'): string {
  if (text === undefined) return '';
  return text[language] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}

/** A published form is immutable: "id@version" names exactly one definition, on every device and the server. */
export function formKey(form: { readonly id: string; readonly version: number }): string {
  return `${form.id}@${form.version}`;
}

/**
 * The shape of an authored form, defined once: the loader checks every form against it, and
 * `npm run forms:schema` turns it into forms/schema.json for editors, so the two cannot drift
 * (forms:check fails while schema.json is not the one this file generates).
 *
 * Only what JSON Schema can say lives here: property names, types, patterns, lists and enums. What it
 * cannot say (ids that must exist, options of the item a condition reads, cycles, every declared
 * language given, companions' id clashes) stays in load-form.ts and its helpers, with their own messages.
 */
import * as v from 'valibot';
import { COMPANION_TEXT_KEYS } from './companion-text.ts';
import { ATTACHMENT_KINDS, FORM_LEVELS, ITEM_ROLES, SEVERITIES } from './types.ts';

const UNIQUE_CHECKS = new WeakSet();

/**
 * "Each entry once": a check JSON Schema expresses as uniqueItems (form-json-schema.ts asks isUniqueEntries).
 * Entries here are strings, so comparing them as they are is exact.
 */
function uniqueEntries<T>() {
  const check = v.check((list: T[]) => new Set(list).size === list.length, 'an entry is listed twice');
  UNIQUE_CHECKS.add(check);
  return check;
}

export function isUniqueEntries(action: object): boolean {
  return UNIQUE_CHECKS.has(action);
}

const Language = v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/));

const Text = v.pipe(
  v.record(Language, v.pipe(v.string(), v.regex(/\S/))),
  v.minEntries(1),
  v.description('Text per language, e.g. {"en": "...", "ru": "..."}. forms:check requires every declared language.'),
);

const ItemId = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/), v.notValue('_row'));

const RightId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/), v.description('An id from forms/standards.json.'));

const Scalar = v.union([v.string(), v.number(), v.boolean()]);

const Operand = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^(\d{4}-\d{2}-\d{2}|([01]\d|2[0-3]):[0-5]\d)$/)), v.strictObject({ field: ItemId })]),
  v.description('A number, a date (YYYY-MM-DD), a time (HH:MM), or another item of the same type.'),
);

const RowCount = v.pipe(v.number(), v.integer(), v.minValue(0));

const conditionList = (): v.GenericSchema<unknown, unknown[]> => v.pipe(v.array(v.lazy(() => Condition)), v.minLength(1));

/** One operator per test: each is its own object, so "exactly one of" needs no check JSON Schema lacks. */
const fieldTest = <K extends string, S extends v.GenericSchema>(op: K, operand: S) =>
  v.strictObject({ field: v.optional(ItemId), [op]: operand } as { field: v.OptionalSchema<typeof ItemId, undefined> } & Record<K, S>);

const countTest = <K extends string>(op: K) =>
  v.strictObject({ count: ItemId, where: v.lazy(() => Condition), [op]: RowCount } as {
    count: typeof ItemId;
    where: v.LazySchema<typeof Condition>;
  } & Record<K, typeof RowCount>);

/** A condition, recursive through all / any / not / count (the loader reads its meaning, not this output). */
export const Condition: v.GenericSchema = v.pipe(
  v.union([
    v.strictObject({ all: conditionList() }),
    v.strictObject({ any: conditionList() }),
    v.strictObject({ not: v.lazy(() => Condition) }),
    ...(['gt', 'gte', 'lt', 'lte'] as const).map((op) =>
      v.pipe(
        countTest(op),
        v.description('How many rows of a repeat meet "where" (read in each row), compared with a whole number. Only in a concern rule\'s "when"; "where" reads only the counted repeat\'s items that have no condition of their own.'),
      ),
    ),
    fieldTest('equals', Scalar),
    fieldTest('in', v.pipe(v.array(Scalar), v.minLength(1))),
    fieldTest('answered', v.boolean()),
    ...(['gt', 'gte', 'lt', 'lte'] as const).map((op) => fieldTest(op, Operand)),
  ]),
  v.description('Data, never code. Inside a repeat a field name means the same row\'s answer. In concern rules and constraints "field" may be left out to test the item itself.'),
);

const Concern = v.pipe(
  v.strictObject({
    when: Condition,
    rights: v.pipe(v.array(RightId), v.minLength(1), uniqueEntries()),
    severity: v.picklist(SEVERITIES),
    words: v.optional(v.pipe(v.array(ItemId), v.minLength(1), v.description('Text items quoted in the finding after the details text.'))),
  }),
  v.description('Which answers signal a fair-trial concern; each becomes a finding tagged with the rights.'),
);

const Constraint = v.strictObject({ invalidWhen: Condition, message: Text });

const Choice = v.strictObject({ value: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]*$/)), label: Text });

/**
 * A named part with a description where it is used: through v.lazy the converter writes a reference
 * beside the description (wrapping the part itself in a pipe would write out a copy of it).
 */
const described = <S extends v.GenericSchema>(schema: S, description: string) => v.pipe(v.lazy(() => schema), v.description(description));

const DeclaredId = described(ItemId, 'Unique in the whole form (repeat items included). Lower-case letters, digits, underscores.');
const Label = described(Text, 'The question, in every language the form declares.');
const Help = described(Text, 'A hint shown under the question (neutral wording, what to count, etc.).');
const Relevant = described(Condition, 'Shown only while this holds; a hidden answer reads as unanswered everywhere.');

/** Every item has these. */
const base = { id: DeclaredId, label: Label, help: v.optional(Help), relevant: v.optional(Relevant) };

/** Items that take an answer (every type but note and repeat) may also have these. */
const answered = {
  ...base,
  required: v.optional(v.pipe(v.boolean(), v.description('Must be answered (while visible) before the report can be finalised.'))),
  concern: v.optional(Concern),
  constraints: v.optional(v.pipe(v.array(Constraint), v.minLength(1))),
  source: v.optional(v.pipe(v.boolean(), v.description('Adds <id>_source (saw / file / told, required once the item is answered) and <id>_source_role (who told, as a role).'))),
  details: v.optional(
    v.pipe(
      v.union([v.boolean(), v.strictObject({ label: Text, help: v.optional(Text) })]),
      v.description("Adds <id>_details, a long text 'What exactly happened?' shown while the concern holds. Needs a concern."),
    ),
  ),
};

const WholeNumber = v.pipe(v.number(), v.integer());

const TextItem = v.strictObject({ ...answered, type: v.picklist(['text', 'longtext']), maxLength: v.optional(v.pipe(WholeNumber, v.minValue(1))) });
const IntegerItem = v.strictObject({ ...answered, type: v.literal('integer'), min: v.optional(WholeNumber), max: v.optional(WholeNumber) });
const DateItem = v.strictObject({
  ...answered,
  type: v.literal('date'),
  role: v.optional(v.pipe(v.picklist(ITEM_ROLES), v.description('What the app reads this answer as: "hearing_date" files the report under this day (one per form, not in a repeat).'))),
});
const PlainItem = v.pipe(v.strictObject({ ...answered, type: v.picklist(['time', 'scale']) }), v.description('scale answers: yes, no, partly, not_observed, not_applicable.'));
const ChoiceItem = v.strictObject({ ...answered, type: v.picklist(['single', 'multiple']), choices: v.pipe(v.array(Choice), v.minLength(1)) });
const AttachmentItem = v.strictObject({
  ...answered,
  type: v.literal('attachment'),
  accept: v.pipe(v.array(v.picklist(ATTACHMENT_KINDS)), v.minLength(1), uniqueEntries()),
  max: v.optional(v.pipe(WholeNumber, v.minValue(1), v.maxValue(100))),
  faces: v.optional(v.pipe(v.boolean(), v.description('Default false: the app reminds the monitor not to photograph faces.'))),
});
const NoteItem = v.pipe(v.strictObject({ ...base, type: v.literal('note') }), v.description('Display only.'));

const FieldItemOptions = [TextItem, IntegerItem, DateItem, PlainItem, ChoiceItem, AttachmentItem, NoteItem] as const;

const FieldItem = v.union([...FieldItemOptions]);

const RepeatItem = v.strictObject({
  ...base,
  type: v.literal('repeat'),
  min: v.optional(v.pipe(WholeNumber, v.minValue(0))),
  max: v.optional(v.pipe(WholeNumber, v.minValue(1))),
  items: v.pipe(v.array(FieldItem), v.minLength(1)),
});

const Item = v.union([...FieldItemOptions, RepeatItem]);

const Section = v.strictObject({ id: ItemId, title: Text, relevant: v.optional(Condition), items: v.pipe(v.array(Item), v.minLength(1)) });

const BuiltInText = v.pipe(
  v.record(Language, v.strictObject(Object.fromEntries(COMPANION_TEXT_KEYS.map((key) => [key, v.optional(v.pipe(v.string(), v.minLength(1)))])))),
  v.description('Wording of the added questions for languages without built-in text (en and ru have it).'),
);

export const FormShape = v.strictObject({
  $schema: v.optional(v.string()),
  id: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/)),
  version: v.pipe(WholeNumber, v.minValue(1), v.description('id@version is immutable once published: copy the form with version + 1 to change it.')),
  level: v.picklist(FORM_LEVELS),
  languages: v.pipe(v.array(Language), v.minLength(1), uniqueEntries()),
  title: Text,
  builtInText: v.optional(BuiltInText),
  sections: v.pipe(v.array(Section), v.minLength(1)),
});

/** Named parts, so that forms/schema.json refers to them ($defs) instead of repeating them. */
export const SHAPE_DEFINITIONS = {
  language: Language,
  text: Text,
  itemId: ItemId,
  rightId: RightId,
  condition: Condition,
  concern: Concern,
  constraint: Constraint,
  choice: Choice,
  textItem: TextItem,
  integerItem: IntegerItem,
  dateItem: DateItem,
  plainItem: PlainItem,
  choiceItem: ChoiceItem,
  attachmentItem: AttachmentItem,
  noteItem: NoteItem,
  repeatItem: RepeatItem,
  fieldItem: FieldItem,
  item: Item,
  section: Section,
};

/** The property names each item type allows: the loader names a wrong one ("does not apply to a date item"). */
export function itemKeys(): ReadonlyMap<string, readonly string[]> {
  const keys = new Map<string, readonly string[]>();
  for (const option of Item.options) {
    const entries = option.entries;
    const type = entries.type;
    const names = type.type === 'literal' ? [type.literal] : type.options;
    for (const name of names) keys.set(name, Object.keys(entries));
  }
  return keys;
}

/** The form's own top-level property names and a section's. */
export const FORM_KEYS: readonly string[] = Object.keys(FormShape.entries);
export const SECTION_KEYS: readonly string[] = Object.keys(Section.entries);

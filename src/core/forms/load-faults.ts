import { formatInputIssue, isInputIssue } from '../api/input-issues.ts';

/**
 * Every fault the form loader finds in a form definition, by stable key, with its parameters and an
 * English template: forms:check prints the English (formatFormFault), the coordinator's forms screen
 * says the fault in the reader's language from `code` + `params` (src/app/base/i18n). Like the API's
 * error codes, a key and its parameter names never change once shipped; add new keys instead. Values in
 * `{name}` are the author's own ids, paths and lists, shown as they are.
 */
export const FORM_FAULTS = {
  // The form (load-form.ts)
  form_not_object: 'a form must be a JSON object',
  bad_form_id: 'id must be lower-case letters, digits and dashes, starting with a letter',
  bad_version: 'version must be a whole number from 1 up',
  bad_level: 'level must be one of {levels}',
  no_sections: 'a form needs at least one section',
  section_not_object: 'a section must be an object',
  bad_section_id: 'section id must be lower-case letters, digits and underscores',
  duplicate_section_id: 'duplicate section id "{id}"',
  // Items (load-items.ts)
  no_items: 'items must be a non-empty list',
  duplicate_item_id: 'duplicate item id "{id}" (also at {also}; ids must be unique in the whole form)',
  item_not_object: 'an item must be an object',
  unknown_item_type: 'unknown item type {type}; use one of {types}',
  unknown_property: 'unknown property "{key}"',
  property_not_for_type: '"{key}" does not apply to a {type} item',
  bad_item_id: 'item id must be lower-case letters, digits and underscores, starting with a letter',
  not_true_or_false: '{key} must be true or false',
  not_whole_number: 'must be a whole number',
  not_whole_number_from: 'must be a whole number of at least {min}',
  max_below_min: 'max must not be below min',
  too_many_files: 'at most {max} files per item',
  nested_repeat: 'a repeat cannot stand inside another repeat',
  reserved_row_id: '"_row" is reserved for repeat row ids',
  bad_role: 'role must be one of {roles}',
  role_in_repeat: "an item inside repeat \"{repeat}\" cannot be the report's {role}: a report has one",
  duplicate_role: '"{item}" already has role "{role}" (at {at}); a form has at most one',
  details_without_concern: '"details" opens while the concern holds, so this item needs a "concern"',
  bad_details: 'details must be true, or an object with its own "label" (and "help")',
  no_choices: 'choices must be a non-empty list',
  bad_choice_value: 'a choice needs a value of lower-case letters, digits, dashes and underscores',
  duplicate_choice: 'duplicate choice "{value}"',
  bad_accept: 'accept must list one or more of {kinds}',
  unknown_attachment_kind: '{value} is not an attachment kind; use {kinds}',
  kind_listed_twice: '"{kind}" is listed twice',
  // Texts (load-text.ts, companion-text.ts)
  bad_languages: 'languages must list language codes such as "en" and "ru"',
  language_twice: 'a language is listed twice',
  text_missing: 'text is missing (give it in {languages})',
  text_not_object: 'text must be an object of language code to text, e.g. {"en": "...", "ru": "..."}',
  language_text_missing: 'missing {language} text',
  undeclared_language: 'language "{language}" is not declared in the form\'s languages',
  built_in_text_not_object: 'builtInText must be an object of language code to texts',
  built_in_text_shape: 'give the built-in texts as an object with {keys}',
  empty_text: 'must be a non-empty text',
  built_in_text_missing: 'missing {language} text for the built-in "{key}" wording (needed by {usedAt}); built-in text exists only for {languages}',
  // Conditions (load-conditions.ts, check-cycles.ts)
  condition_needs_field: 'a condition needs "field" (the id of the item it reads)',
  unknown_field: 'unknown field "{field}"',
  field_in_other_repeat: '"{field}" is inside repeat "{repeat}" and can only be read by items of the same repeat',
  field_is_note: '"{field}" is a note and has no answer to test',
  condition_not_object: 'a condition must be an object',
  group_not_alone: '"{group}" must stand alone in its condition',
  group_empty: '"{group}" needs a non-empty list of conditions',
  not_not_alone: '"not" must stand alone in its condition',
  condition_needs_operator: 'a condition needs exactly one of equals, in, answered, gt, gte, lt, lte (or all / any / not)',
  repeat_only_answered: '"{field}" is a repeat: test it only with "answered" (has at least one row)',
  bad_scalar: 'compare with a string, number or boolean',
  not_an_option: '"{value}" is not an option of "{field}" (options: {options})',
  in_empty: '"in" needs a non-empty list',
  answered_not_boolean: '"answered" must be true or false',
  unknown_operator: 'unknown condition operator "{op}"',
  count_outside_concern: '"count" may only be used in a concern rule\'s "when"',
  count_not_repeat: '"count" names a repeat item of the form',
  count_names_non_repeat: '"count" names a repeat item of the form; "{name}" is not one',
  count_other_repeat: "an item inside repeat \"{repeat}\" can count only its own repeat's rows",
  count_needs_comparison: '"count" needs exactly one of gt, gte, lt, lte with a whole number of rows',
  count_needs_where: '"count" needs "where": the condition each counted row must meet',
  where_outside_rows: '"{field}" is not an item of "{repeat}": "where" reads only the counted rows',
  where_conditional_item: '"{field}" is not always shown in its row; "where" may read only items without a condition of their own',
  compare_wrong_type: '"{op}" compares integers, dates or times, but "{field}" is a {type} item',
  compare_unlike: '"{field}" is a {type} item but "{other}" is a {otherType} item; compare like with like',
  compare_needs_integer: '"{op}" on the integer item "{field}" needs a number or {"field": "<another integer item>"}',
  compare_needs_date: '"{op}" on the date item "{field}" needs a date as "YYYY-MM-DD" or {"field": "<another date item>"}',
  compare_needs_time: '"{op}" on the time item "{field}" needs a time as "HH:MM" or {"field": "<another time item>"}',
  condition_cycle: 'condition cycle: {cycle}',
  // Concerns and constraints (load-conditions.ts)
  concern_not_object: 'concern must be an object with when, rights and severity',
  bad_severity: 'severity must be one of {severities}',
  bad_rights: 'rights must be a non-empty list of right ids from forms/standards.json',
  right_twice: 'right "{right}" is listed twice',
  unknown_right: 'unknown right "{right}": add it to forms/standards.json or fix the id',
  bad_words: 'words must be a non-empty list of text item ids',
  words_not_text: '"{item}" is a {type} item; words must name text items',
  bad_constraints: 'constraints must be a non-empty list of {"invalidWhen": condition, "message": text}',
  constraint_not_object: 'a constraint must be an object with "invalidWhen" and "message"',
  // The generated schema (load-shape-faults.ts): where the form breaks forms/schema.json, by the input fault's kind.
  not_as_schema: 'does not match forms/schema.json: {kind}',
} as const satisfies Readonly<Record<string, string>>;

export type FormFaultCode = keyof typeof FORM_FAULTS;
export type FormFaultParams = Readonly<Record<string, string | number>>;

export function isFormFault(code: string): code is FormFaultCode {
  return Object.hasOwn(FORM_FAULTS, code);
}

/** Fills a template's `{name}` from params; a JSON example in braces ({"en": ...}) is not a placeholder and stays. */
export function fillTemplate(template: string, params: FormFaultParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The English sentence of a fault (what forms:check prints and FormError.message holds). */
export function formatFormFault(code: FormFaultCode, params: FormFaultParams = {}): string {
  const kind = params['kind'];
  // not_as_schema names an input fault's kind: its English words, with that fault's own limits.
  if (code === 'not_as_schema' && typeof kind === 'string' && isInputIssue(kind)) return fillTemplate(FORM_FAULTS[code], { kind: formatInputIssue(kind, params) });
  return fillTemplate(FORM_FAULTS[code], params);
}

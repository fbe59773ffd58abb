import { checkCycles } from './check-cycles.ts';
import { readCompanionTexts } from './companion-text.ts';
import { readConcern, readCondition, readConstraints, type ConditionsContext } from './load-conditions.ts';
import { hearingDateItemBeforeRoles } from './hearing-date.ts';
import { readItems, type ItemsContext, type Place } from './load-items.ts';
import { shapeFaults } from './load-shape-faults.ts';
import { FORM_KEYS, SECTION_KEYS } from './load-shape.ts';
import { formatFormFault, type FormFaultCode, type FormFaultParams } from './load-faults.ts';
import { isObject, readLanguages, readLocalized, rejectUnknownKeys, type Fail } from './load-text.ts';
import { FORM_LEVELS, type ConcernRule, type Condition, type Constraint, type FieldItem, type Form, type Item, type Section } from './types.ts';

/** One fault in a form, located by a JSON Pointer into the author's file (e.g. /sections/2/items/0/relevant/field). */
export interface FormError {
  readonly path: string;
  /** The fault in English, for forms:check and logs. */
  readonly message: string;
}

/** A fault of a form definition: by its kind (load-faults.ts), which the app translates with its parameters. */
export interface FormFault extends FormError {
  readonly code: FormFaultCode;
  readonly params: FormFaultParams;
}

export type LoadResult = { readonly ok: true; readonly form: Form } | { readonly ok: false; readonly errors: readonly FormFault[] };

export interface LoadOptions {
  /** Right ids from forms/standards.json; when given, concern rules must name only these. */
  readonly knownRights?: ReadonlySet<string>;
  /**
   * A definition the server already accepted when it was published (a device reading its stored copy): the
   * shape pass against forms/schema.json, which only finds where the author's file and the schema disagree,
   * is left out. It is most of the loading time (120 of 145 ms at 4x CPU on the hearing form, bench:form).
   */
  readonly published?: boolean;
}

const ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const FORM_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

/** A section's condition, folded into each of its authored items (their companions follow them). */
interface SectionCondition {
  readonly index: number;
  readonly raw: unknown;
  readonly path: string;
  readonly itemIds: readonly string[];
}

interface Extras {
  relevant?: Condition;
  concern?: ConcernRule;
  constraints?: readonly Constraint[];
}

/**
 * Checks an author's form (parsed JSON) and returns the loaded model, or every fault found with its path.
 * Nothing in a form is ever evaluated as code: conditions are plain data checked against known fields.
 * Reading goes in two passes: items first (so conditions may name later items), then conditions.
 */
export function loadForm(input: unknown, options: LoadOptions = {}): LoadResult {
  const errors: FormFault[] = [];
  const fail: Fail = (path, code, params = {}) => {
    errors.push({ path: path === '' ? '/' : path, code, params, message: formatFormFault(code, params) });
  };
  if (!isObject(input)) return { ok: false, errors: [{ path: '/', code: 'form_not_object', params: {}, message: formatFormFault('form_not_object') }] };
  rejectUnknownKeys(input, FORM_KEYS, '', fail);

  const id = typeof input['id'] === 'string' && FORM_ID_PATTERN.test(input['id']) ? input['id'] : '';
  if (id === '') fail('/id', 'bad_form_id');
  const version = input['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) fail('/version', 'bad_version');
  const level = FORM_LEVELS.find((l) => l === input['level']);
  if (level === undefined) fail('/level', 'bad_level', { levels: FORM_LEVELS.join(', ') });
  const languages = readLanguages(input['languages'], fail);
  const title = readLocalized(input['title'], '/title', true, languages, fail);

  const places = new Map<string, Place>();
  const sectionConditions: SectionCondition[] = [];
  const itemsContext: ItemsContext = { fail, languages, places, roles: new Map(), companionText: readCompanionTexts(input['builtInText'], languages, fail) };
  const sections: Section[] = [];
  const sectionList = input['sections'];
  if (!Array.isArray(sectionList) || sectionList.length === 0) {
    fail('/sections', 'no_sections');
  } else {
    const sectionIds = new Set<string>();
    sectionList.forEach((raw, index) => {
      const path = `/sections/${index}`;
      if (!isObject(raw)) return fail(path, 'section_not_object');
      rejectUnknownKeys(raw, SECTION_KEYS, path, fail);
      const sectionId = typeof raw['id'] === 'string' && ID_PATTERN.test(raw['id']) ? raw['id'] : '';
      if (sectionId === '') fail(`${path}/id`, 'bad_section_id');
      else if (sectionIds.has(sectionId)) fail(`${path}/id`, 'duplicate_section_id', { id: sectionId });
      sectionIds.add(sectionId);
      const sectionTitle = readLocalized(raw['title'], `${path}/title`, true, languages, fail) ?? {};
      const items = readItems(itemsContext, raw['items'], `${path}/items`, undefined);
      sections.push({ id: sectionId, title: sectionTitle, items });
      if (raw['relevant'] !== undefined) {
        sectionConditions.push({ index, raw: raw['relevant'], path: `${path}/relevant`, itemIds: items.filter((i) => i.companionOf === undefined).map((i) => i.id) });
      }
    });
  }

  const { extras, sectionRelevant } = readAllConditions({ fail, languages, places, knownRights: options.knownRights }, sectionConditions);
  const finishField = (item: FieldItem): FieldItem => ({ ...item, ...extras.get(item.id) });
  const finish = (item: Item): Item => (item.type === 'repeat' ? { ...item, ...extras.get(item.id), items: item.items.map(finishField) } : finishField(item));
  const finished = sections.map((section, index) => {
    const relevant = sectionRelevant.get(index);
    return { ...section, ...(relevant === undefined ? {} : { relevant }), items: section.items.map(finish) };
  });

  // The shape is what forms/schema.json says; the reading above is stricter everywhere it speaks, so this
  // adds faults only where the two disagree, and then the loader keeps to the schema editors see.
  if (errors.length === 0 && options.published !== true) errors.push(...shapeFaults(input));
  if (errors.length > 0 || title === undefined || level === undefined || typeof version !== 'number') return { ok: false, errors };
  const hearingDateItem = itemsContext.roles.get('hearing_date')?.item ?? hearingDateItemBeforeRoles(`${id}@${version}`);
  return { ok: true, form: { id, version, level, languages, title, sections: finished, ...(hearingDateItem === undefined ? {} : { hearingDateItem }) } };
}

/**
 * When a scale item asks "how do you know": once it was observed (yes, no, partly), except after a plain No,
 * a No that raises no concern ("was an allegation raised?" "No"): there is nothing to source.
 */
function observedBeyondPlainNo(field: string, concern: ConcernRule | undefined): Condition {
  const no: Condition = { kind: 'equals', field, value: 'no' };
  const plainNo: Condition = concern === undefined ? no : { kind: 'all', of: [no, { kind: 'not', of: concern.when }] };
  return { kind: 'all', of: [{ kind: 'in', field, values: ['yes', 'no', 'partly'] }, { kind: 'not', of: plainNo }] };
}

/** Second pass: every item's visibility condition, concern rule and constraints, then the cycle check. */
function readAllConditions(
  ctx: ConditionsContext,
  sectionConditions: readonly SectionCondition[],
): { extras: Map<string, Extras>; sectionRelevant: Map<number, Condition> } {
  const extras = new Map<string, Extras>();
  const relevantOf = new Map<string, Condition>();
  const conditionPath = new Map<string, string>();
  const extraOf = (itemId: string): Extras => {
    const existing = extras.get(itemId);
    if (existing !== undefined) return existing;
    const created: Extras = {};
    extras.set(itemId, created);
    return created;
  };
  const setRelevant = (itemId: string, condition: Condition, path: string): void => {
    extraOf(itemId).relevant = condition;
    relevantOf.set(itemId, condition);
    conditionPath.set(itemId, path);
  };

  for (const place of ctx.places.values()) {
    const { raw, path, repeatId, item } = place;
    if (raw === undefined) continue;
    if (raw['relevant'] !== undefined) {
      const relevant = readCondition(ctx, raw['relevant'], `${path}/relevant`, repeatId, undefined);
      if (relevant !== undefined) setRelevant(item.id, relevant, `${path}/relevant`);
    }
    if (raw['concern'] !== undefined) {
      const concern = readConcern(ctx, raw['concern'], `${path}/concern`, place);
      if (concern !== undefined) extraOf(item.id).concern = concern;
    }
    if (raw['constraints'] !== undefined) {
      const constraints = readConstraints(ctx, raw['constraints'], `${path}/constraints`, place);
      if (constraints !== undefined) extraOf(item.id).constraints = constraints;
    }
  }

  const sectionRelevant = new Map<number, Condition>();
  for (const section of sectionConditions) {
    const condition = readCondition(ctx, section.raw, section.path, undefined, undefined);
    if (condition === undefined) continue;
    sectionRelevant.set(section.index, condition);
    for (const itemId of section.itemIds) {
      const own = extras.get(itemId)?.relevant;
      if (own === undefined) setRelevant(itemId, condition, section.path);
      else setRelevant(itemId, { kind: 'all', of: [condition, own] }, conditionPath.get(itemId) ?? section.path);
    }
  }

  // Companions open from their item's answer: details while the concern holds, source once answered.
  for (const place of ctx.places.values()) {
    const { item, path } = place;
    const companions = item.companions;
    if (companions === undefined) continue;
    const answered: Condition = { kind: 'answered', field: item.id, answered: true };
    const concern = extras.get(item.id)?.concern;
    if (companions.details !== undefined && concern !== undefined) {
      setRelevant(companions.details, { kind: 'all', of: [answered, concern.when] }, `${path}/concern/when`);
    }
    if (companions.source !== undefined) {
      setRelevant(companions.source, item.type === 'scale' ? observedBeyondPlainNo(item.id, concern) : answered, `${path}/source`);
      if (companions.sourceRole !== undefined) setRelevant(companions.sourceRole, { kind: 'equals', field: companions.source, value: 'told' }, `${path}/source`);
    }
  }
  checkCycles(relevantOf, conditionPath, ctx.fail);
  return { extras, sectionRelevant };
}

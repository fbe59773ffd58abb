/** The coordinator's cases: the filtered list, one case's bundle, decisions on findings, assessments, recommendations, themes. */
import * as v from 'valibot';
import { PERSON_ROLES } from '../export/redact-register.ts';
import { CalendarDate, Text } from '../sync/text.ts';
import { CaseFields, Uuid } from '../sync/protocol.ts';
import { SealedBox } from '../seal/envelope.ts';
import type { CaseBundle as CaseBundleInterface } from '../export/case-bundle.ts';
import { NextPage, Paging } from './common.ts';

export const CaseFilter = v.strictObject({
  project: v.optional(Uuid),
  court: v.optional(v.pipe(Text, v.maxLength(200))),
  observer: v.optional(Uuid),
  from: v.optional(CalendarDate),
  to: v.optional(CalendarDate),
  concerns: v.optional(v.picklist(['1', '0'])),
  /** Cases with at least one report in this review state (a report nobody reviewed yet is "received"). */
  status: v.optional(v.picklist(['received', 'needs_clarification', 'approved'], 'status is received, needs_clarification or approved')),
  q: v.optional(v.pipe(Text, v.trim(), v.maxLength(200))),
  ...Paging.entries,
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'limit must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(1_000, 'at most 1,000 cases a page'))),
});
export type CaseFilterInput = v.InferInput<typeof CaseFilter>;

const Choice = v.object({ id: v.string(), name: v.string() });
export const CaseRow = v.object({
  id: v.string(),
  code: v.string(),
  court: v.string(),
  project: v.string(),
  updatedAt: v.string(),
  reportCount: v.number(),
  lastHearing: v.nullable(v.string()),
  /** null when a report of the case is sealed: the server cannot count its findings (s11). */
  concerns: v.nullable(v.number()),
  /** Another case of its project has the same code (two observers opened the trial offline): merge them. */
  duplicateCode: v.optional(v.boolean(), false),
});
export type CaseRow = v.InferOutput<typeof CaseRow>;
/** What the filters can choose from (the coordinator's projects and their observers), and a page of the cases found. */
export const CaseList = v.object({ projects: v.array(Choice), observers: v.array(Choice), cases: v.array(CaseRow), next: NextPage });

export const CaseParams = v.strictObject({ id: Uuid });
export const AssessmentParams = v.strictObject({ id: Uuid, right: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a right id')) });

export const Decision = v.strictObject({
  reportId: Uuid,
  path: v.pipe(Text, v.minLength(1), v.maxLength(300)),
  decision: v.picklist(['confirmed', 'dismissed', 'open'], 'decision is confirmed, dismissed or open'),
  note: v.optional(v.pipe(Text, v.maxLength(5_000)), ''),
});

export const Assessment = v.strictObject({
  text: v.pipe(Text, v.maxLength(20_000, 'an assessment has at most 20,000 characters')),
  grade: v.optional(v.pipe(Text, v.trim(), v.maxLength(200))),
});

/** What the coordinator recommends, after the findings of the case's monitoring report. */
export const Recommendations = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(20_000, 'recommendations have at most 20,000 characters')),
});

/** GET /api/cases/:id: everything the case page and every export are built from (see ../export/case-bundle.ts). */
export const CaseBundle = v.object({
  case: v.object({ id: v.string(), code: v.string(), court: v.string(), projectId: v.string(), project: v.string(), regions: v.optional(v.array(v.string())) }),
  reports: v.array(
    v.object({
      id: v.string(),
      formId: v.string(),
      formVersion: v.number(),
      hearingDate: v.string(),
      version: v.number(),
      receivedAt: v.string(),
      // The interface (../export/case-bundle.ts) says string: the review states may grow.
      reviewStatus: v.string(),
      observerCode: v.string(),
      observerName: v.string(),
      concernCount: v.number(),
      answers: v.record(v.string(), v.unknown()),
      /** A sealed version's box (s11): answers are then {} and concernCount means nothing. */
      sealed: v.exactOptional(SealedBox),
    }),
  ),
  forms: v.array(v.object({ id: v.string(), version: v.number(), definition: v.unknown() })),
  decisions: v.array(v.object({ reportId: v.string(), path: v.string(), decision: v.picklist(['confirmed', 'dismissed']), note: v.string() })),
  assessments: v.array(v.object({ rightId: v.string(), text: v.string(), grade: v.nullable(v.string()) })),
  recommendations: v.string(),
  /** The case's register of people (redaction; only for those who keep it). */
  register: v.optional(v.array(v.object({ code: v.string(), role: v.picklist(PERSON_ROLES), name: v.string() }))),
});
export const CASE_BUNDLE_FITS: v.InferOutput<typeof CaseBundle> extends CaseBundleInterface ? true : never = true;

/**
 * What the thematic view draws: per month, how many hearings were observed, and per right how many of
 * them raised it and with how many findings (the stored counts: dismissed findings left out).
 */
export const Themes = v.object({
  months: v.array(v.string()),
  hearings: v.array(v.number()),
  rights: v.array(v.object({ right: v.string(), hearings: v.array(v.number()), findings: v.array(v.number()) })),
});
export type Themes = v.InferOutput<typeof Themes>;

/** POST /api/projects/:projectId/cases: a coordinator opens a case, with the checks an observer's device gets. */
export const NewCase = v.strictObject({ code: CaseFields.entries.code, court: CaseFields.entries.court });
/** `duplicates`: other cases of the project with the same code, which the coordinator may want to merge instead. */
export const CaseOpened = v.object({ id: v.string(), duplicates: v.array(v.string()) });

/** POST /api/cases/:id/merge: case :id (its reports, reviews and history) moves into `into`, and :id is removed. */
export const MergeCases = v.strictObject({ into: Uuid });
export const CasesMerged = v.object({ into: v.string(), reports: v.number() });

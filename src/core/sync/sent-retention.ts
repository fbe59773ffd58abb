/**
 * How long a phone keeps the contents of a report the server has confirmed (issue 10 item 5, "leave less
 * behind"): a project setting its coordinators choose, delivered to devices in the pull's project record.
 * After that many days the device deletes the report's answers, quick notes, attached files and history,
 * keeping only what the case page needs to show that it was sent (src/app/db/purge-sent.ts).
 */
import * as v from 'valibot';

/** The choices a coordinator has: 0 = as soon as the server confirms, then a day, a week, a month. null = never. */
export const SENT_RETENTION_CHOICES = [0, 1, 7, 30] as const;
/** What a project keeps when its coordinators have not chosen (and what a device assumes before it has heard). */
export const DEFAULT_SENT_RETENTION_DAYS = 7;

export const SentRetentionDays = v.nullable(
  v.picklist(SENT_RETENTION_CHOICES, `must be one of ${SENT_RETENTION_CHOICES.join(', ')} (days), or null for never`),
);
export type SentRetentionDays = v.InferOutput<typeof SentRetentionDays>;

/** GET and PUT /api/projects/:projectId/sent-retention: body and answer. */
export const SentRetention = v.strictObject({ days: SentRetentionDays });
export type SentRetention = v.InferOutput<typeof SentRetention>;

/** A stored number as a choice: one that is not a choice (written by hand) counts as the default. */
export function asSentRetentionDays(stored: number | null): SentRetentionDays {
  if (stored === null) return null;
  return SENT_RETENTION_CHOICES.find((days) => days === stored) ?? DEFAULT_SENT_RETENTION_DAYS;
}

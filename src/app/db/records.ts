import type { Answers } from '../../core/forms/answers.ts';
import type { Mutation, MutationStatus } from '../../core/sync/protocol.ts';

/** A case as this device knows it. version is the server's (0 until the server has it). */
export interface LocalCase {
  readonly id: string;
  readonly projectId: string;
  readonly code: string;
  readonly court: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * Where a report stands, shown to the observer: draft (saved on this device only), waiting (final, in
 * the outbox), sent (the server confirmed it), refused (the server said why; the device keeps it).
 */
export type ReportSyncState = 'draft' | 'waiting' | 'sent' | 'refused';

export interface LocalReport {
  readonly id: string;
  readonly projectId: string;
  readonly caseId: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly status: 'draft' | 'final';
  readonly answers: Answers;
  readonly createdAt: string;
  /** The local calendar day (YYYY-MM-DD) on the device when the report was started: its day until the form's hearing date is answered. */
  readonly startedOn?: string;
  /** The form's hearing-date item (Form.hearingDateItem) when it has one; id@version never changes, so neither does this. */
  readonly hearingDateItem?: string;
  readonly updatedAt: string;
  readonly finalisedAt?: string;
  /** The server's version number of this report once confirmed; 0 before. */
  readonly serverVersion: number;
  readonly sync: ReportSyncState;
  /** Why the server refused the report: its English sentence (MutationResult.reason), kept for reports refused before the codes. */
  readonly syncNote?: string;
  /** The refusal's stable code and parameters (MutationResult.code, params), which the screens translate. */
  readonly syncRefusal?: { readonly code: string; readonly params: Readonly<Record<string, string>> };
  readonly lastResult?: MutationStatus;
  /** Set while a report that was already sent is being amended: why, for the coordinator (sent as ReportFields.reason). */
  readonly amendReason?: string;
  /** Each time this device finalised the report: the versions the observer can look back on. */
  readonly history?: readonly FinalisedVersion[];
  /** Timestamped quick notes pinned to sections. They stay on this device (see README.md: why notes do not sync). */
  readonly notes?: readonly QuickNote[];
  /** A draft started by mistake and discarded: hidden, restorable until the next sync, which deletes it. */
  readonly discardedAt?: string;
  /** When the server confirmed the current version (this device's push, or the pull that brought it): where the purge counts from. */
  readonly confirmedAt?: string;
  /**
   * When this device deleted the report's contents under its project's setting (purge-sent.ts): answers,
   * notes, history and files are gone; the record keeps what the case page shows, `hearingDate` among it.
   */
  readonly purgedAt?: string;
  /** The hearing date, kept when the answers it was read from are purged. */
  readonly hearingDate?: string;
  /** Sealed projects (s11): the server refused its sealed version as stale; sealed again after the next pull (src/app/sync/sealed-outbox.ts). */
  readonly resealPending?: true;
  /** Sealed projects (s11): received sealed from another device of the observer; this device cannot read its answers. */
  readonly sealedElsewhere?: true;
}

/** One finalisation of a report on this device; `version` is the server's number once it confirmed it. */
export interface FinalisedVersion {
  readonly finalisedAt: string;
  readonly reason?: string;
  readonly version?: number;
}

export interface QuickNote {
  readonly id: string;
  readonly sectionId: string;
  readonly at: string;
  readonly text: string;
}

/** One change waiting to be sent, numbered per device (SYNC.md); deleted once the server confirms its seq. */
export type OutboxRow = Mutation & { readonly createdAt: string };

export interface LocalForm {
  readonly id: string;
  readonly version: number;
  readonly definition: unknown;
}

export interface StateRow {
  readonly key: string;
  readonly value: string | number;
}

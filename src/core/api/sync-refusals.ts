/**
 * The reasons a push refuses one mutation. A refused MutationResult (src/core/sync/protocol.ts) carries
 * the stable `code` and its `params`, which the app translates, and `reason`, the English sentence built
 * from them here (formatRefusal) for logs and for apps older than the codes. The sentences do not change
 * either: reasons stored before the codes (on phones, as a report's note, and in the server's
 * `push_results`) are read back into their code by `refusalCode`.
 */
export const SYNC_REFUSALS = {
  not_a_member: { params: {}, en: 'You are not a member of this project.' },
  case_of_another_project: { params: {}, en: 'This case belongs to another project.' },
  not_assigned_to_case: { params: {}, en: 'You are not assigned to this case.' },
  case_changed: { params: {}, en: 'Someone changed this case before you: your device will receive their version; edit again if needed.' },
  comment_report_unknown: { params: {}, en: 'The report of this comment is unknown to the server.' },
  comment_forbidden: { params: {}, en: 'You may not comment on this report.' },
  comment_id_taken: { params: {}, en: 'This comment id is taken.' },
  report_case_unknown: { params: {}, en: 'The case of this report is unknown to the server.' },
  report_case_of_another_project: { params: {}, en: 'The case of this report belongs to another project.' },
  not_assigned_to_report_case: { params: {}, en: 'You are not assigned to the case of this report.' },
  form_not_published: { params: { form: 'string' }, en: 'The form {form} was never published on this server.' },
  answers_do_not_fit: { params: { form: 'string', issues: 'string' }, en: 'The answers do not fit form {form}: {issues}.' },
  report_of_another_observer: { params: {}, en: 'This report belongs to another observer.' },
  report_cannot_move: { params: {}, en: 'A report cannot move to another case or project.' },
  set_aside: { params: {}, en: 'The server could not store this change, so it set it aside to let the changes after it through. Your copy stays on this device; tell your coordinator.' },
  // Sealed projects (s11, issue 11): a sealed report version the server will not store as sent.
  sealed_base_stale: { params: {}, en: 'This sealed report was sealed for a version the server has moved past. Your device seals it again after its next sync and sends it.' },
  sealed_key_stale: { params: {}, en: "This report was sealed to a key that is not the project's current one. Your device fetches the key at its next sync, seals it again and sends it." },
  sealed_box_malformed: { params: {}, en: 'The sealed report is not a sealed box this server can store. Nothing was stored.' },
  project_not_sealed: { params: {}, en: 'This project is not sealed, so the server does not store sealed reports for it. Nothing was stored.' },
  readable_in_sealed_project: { params: {}, en: 'This project is sealed, so the server stores its reports only sealed. Your device seals this report after its next sync and sends it.' },
  project_sealing_required: { params: {}, en: 'This server requires sealed projects, and a coordinator has not sealed this one yet. The report waits on your device and is sealed and sent once the project is sealed.' },
  // End of the sealed projects' block.
} as const satisfies Readonly<Record<string, { readonly params: Readonly<Record<string, 'string'>>; readonly en: string }>>;

export type SyncRefusal = keyof typeof SYNC_REFUSALS;

/** The parameters a refusal carries, typed from the catalogue. */
export type RefusalParams<R extends SyncRefusal> = { readonly [K in keyof (typeof SYNC_REFUSALS)[R]['params']]: string };

export function isSyncRefusal(code: string): code is SyncRefusal {
  return Object.hasOwn(SYNC_REFUSALS, code);
}

/** The English sentence of a refusal: MutationResult.reason. */
export function formatRefusal<R extends SyncRefusal>(code: R, params: RefusalParams<R>): string {
  const values = params as Readonly<Record<string, string>>;
  return SYNC_REFUSALS[code].en.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const REFUSAL_PATTERNS: readonly (readonly [SyncRefusal, RegExp, readonly string[]])[] = Object.entries(SYNC_REFUSALS).map(([code, spec]) => {
  const names = [...spec.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const pattern = new RegExp(`^${escapeRegExp(spec.en).replace(/\\\{\w+\\\}/g, '(.*)')}$`, 's');
  return [code as SyncRefusal, pattern, names] as const;
});

/**
 * The code and parameters of a refusal reason as the server words it, for reasons that came without
 * their code (stored before the codes, or from an older server); undefined for a reason this catalogue
 * does not know (a newer server).
 */
export function refusalCode(reason: string): { readonly code: SyncRefusal; readonly params: Readonly<Record<string, string>> } | undefined {
  for (const [code, pattern, names] of REFUSAL_PATTERNS) {
    const match = pattern.exec(reason);
    if (match !== null) return { code, params: Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])) };
  }
  return undefined;
}

/**
 * Every refusal of the command-line tools (admin, export, import), by stable code with its parameters and one
 * English template: the one catalogue their messages come from. The tools are English-only (operators'
 * tools, like the server's logs); the API's errors have their own catalogue, src/core/api/error-codes.ts,
 * which the app translates. Templates name parameters as `{name}`.
 */
export const CLI_ERRORS = {
  // Admin commands (admin-commands.ts, users.ts)
  no_project: { params: ['name'], en: 'no project "{name}"' },
  no_user: { params: ['username'], en: 'no user "{username}"' },
  missing_argument: { params: ['command', 'what'], en: '{command} needs {what}. See: npm run admin -- help' },
  bad_role: { params: [], en: '--role is observer or coordinator' },
  not_an_administrator: { params: ['username'], en: `--as names an enabled administrator's account; "{username}" is none (see: npm run admin -- list)` },
  no_device: { params: ['id'], en: 'no device "{id}" (see: npm run admin -- list devices)' },
  no_case: { params: ['key'], en: 'no case "{key}"' },
  ambiguous_case: { params: ['key', 'ids'], en: 'several cases have the code "{key}": give the id ({ids})' },
  bad_limit: { params: [], en: '--limit is a whole number from 1 to 10000' },
  unknown_command: { params: ['command', 'help'], en: 'unknown command "{command}"\n\n{help}' },
  list_what: { params: [], en: 'list what? users, projects or devices' },

  // Export (export-cli.ts)
  export_usage: { params: ['help'], en: 'give --case and --format.\n\n{help}' },
  bad_language: { params: [], en: '--language is en or ru' },
  // Sealed projects (export-key.ts): exit code 2, nothing written.
  key_file_unreadable: { params: ['path', 'detail'], en: 'cannot read the key file {path}: {detail}. Nothing was written.' },
  not_a_key_file: { params: ['path'], en: '{path} is not a key file of Trial Monitor (the recovery file the sealing screen downloads). Nothing was written.' },
  key_file_other_project: { params: ['path', 'project'], en: '{path} is the key file of another project or of an older key, not of project "{project}". Nothing was written.' },
  wrong_recovery_code: { params: [], en: 'the recovery code is wrong for this key file. Nothing was written.' },
  no_recovery_code: { params: ['variable'], en: 'no recovery code given: type it when asked, or set {variable}, or send it on standard input. Nothing was written.' },
  key_file_for_open_project: { params: ['project'], en: 'project "{project}" is not sealed: export it without --key-file. Nothing was written.' },
  sealed_case_needs_key: { params: ['code', 'reports'], en: 'case {code} has {reports} sealed report(s): give --key-file with the project\'s key file. Nothing was written.' },
  sealed_reports_unopened: { params: ['ids'], en: 'sealed report(s) {ids} do not open with this key: altered, moved, or sealed to another key. Nothing was written.' },

  // Import (import/import-archive.ts)
  archive_unreadable: { params: ['detail'], en: '{detail}' },
  archive_form_invalid: { params: ['form', 'path', 'issue'], en: 'form {form} in the archive does not load: {path} {issue}' },
  form_published_differently: { params: ['form'], en: 'form {form} is published here with other content; published versions never change.' },
  case_in_other_project: { params: ['code'], en: 'case {code} exists here in another project.' },
  report_form_missing: { params: ['report', 'form'], en: 'report {report} uses form {form}, which the archive does not contain.' },
  report_does_not_fit: { params: ['report', 'issues'], en: 'report {report} does not fit its form: {issues}.' },
  report_case_missing: { params: ['report'], en: 'report {report} belongs to a case the archive does not contain.' },
  report_differs: { params: ['report'], en: 'report {report} exists here with other content; nothing was imported.' },
} as const satisfies Readonly<Record<string, { readonly params: readonly string[]; readonly en: string }>>;

export type CliErrorCode = keyof typeof CLI_ERRORS;
export type CliErrorParams<C extends CliErrorCode> = { readonly [P in (typeof CLI_ERRORS)[C]['params'][number]]: string | number };

/** The English sentence of a command-line refusal. */
export function formatCliError<C extends CliErrorCode>(code: C, params: CliErrorParams<C>): string {
  const values = params as Readonly<Record<string, string | number>>;
  return CLI_ERRORS[code].en.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}

/** A refusal of a command-line tool: its stable code and parameters, and the catalogue's English as its message. */
export class CliError<C extends CliErrorCode = CliErrorCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: CliErrorParams<C>,
  ) {
    super(formatCliError(code, params));
  }
}

import { readdir, readFile } from 'node:fs/promises';
import { loadForm } from '../../core/forms/load-form.ts';
import { formKey, type Form } from '../../core/forms/types.ts';
import { readStandards } from '../../core/forms/standards.ts';

/** Files in forms/ that are not forms. */
const NOT_FORMS = new Set(['schema.json', 'standards.json']);

export interface FormsFolder {
  readonly forms: readonly { readonly form: Form; readonly definition: unknown }[];
}

export interface FolderCheck {
  readonly ok: boolean;
  readonly forms: number;
  readonly faults: number;
  readonly lines: readonly string[];
}

async function readJson(url: URL): Promise<unknown> {
  return JSON.parse(await readFile(url, 'utf8')) as unknown;
}

/** Loads standards.json and every form beside it; every fault is reported as "file: path: message". */
export async function loadFormsFolder(folder: URL): Promise<{ folder: FormsFolder; lines: string[]; faults: number }> {
  const lines: string[] = [];
  let faults = 0;
  const standards = readStandards(await readJson(new URL('standards.json', folder)));
  for (const error of standards.errors) {
    lines.push(`standards.json: ${error.path}: ${error.message}`);
    faults += 1;
  }
  const knownRights = new Set(standards.rights.map((r) => r.id));
  const forms: { form: Form; definition: unknown }[] = [];
  const seen = new Set<string>();
  const files = (await readdir(folder)).filter((f) => f.endsWith('.json') && !NOT_FORMS.has(f)).sort();
  for (const file of files) {
    let definition: unknown;
    try {
      definition = await readJson(new URL(file, folder));
    } catch (error) {
      lines.push(`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      faults += 1;
      continue;
    }
    const result = loadForm(definition, { knownRights });
    if (!result.ok) {
      for (const error of result.errors) lines.push(`${file}: ${error.path}: ${error.message}`);
      faults += result.errors.length;
      continue;
    }
    const key = formKey(result.form);
    if (file !== `${result.form.id}.json` && file !== `${key}.json`) {
      // One name per definition keeps a published id@version findable and hard to edit by mistake.
      lines.push(`${file}: /id: name the file ${result.form.id}.json or ${key}.json`);
      faults += 1;
      continue;
    }
    if (seen.has(key)) {
      lines.push(`${file}: /id: ${key} is defined twice`);
      faults += 1;
      continue;
    }
    seen.add(key);
    lines.push(`${file}: ${key} ok`);
    forms.push({ form: result.form, definition });
  }
  return { folder: { forms }, lines, faults };
}

export async function checkFormsFolder(folder: URL): Promise<FolderCheck> {
  const { folder: loaded, lines, faults } = await loadFormsFolder(folder);
  return { ok: faults === 0, forms: loaded.forms.length, faults, lines };
}

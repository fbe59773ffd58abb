import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Json = Record<string, unknown>;

/** The stage choices of the checklist calibration (forms/hearing.json, section details, item "stages"). */
export const STAGES = ['preparatory', 'evidence', 'closing_arguments', 'last_word', 'verdict', 'adjourned'] as const;

/** Shown while no stage is chosen, or when one of the given stages happened today. */
function stageGate(stages: readonly string[]): Json {
  return { any: [{ not: { field: 'stages', answered: true } }, { field: 'stages', in: stages }] };
}

/**
 * A copy of the shipped forms folder whose hearing form has the stage question and gates the witness
 * and evidence sections on the evidence stage, and a lawyers repeat of one to two rows (to reach its
 * limits in a few taps). The app's stage gate works from any form's section conditions; this stands in
 * for the calibrated checklist until it lands.
 */
export function formsWithStages(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tm-forms-'));
  cpSync('forms', dir, { recursive: true });
  const file = join(dir, 'hearing.json');
  const form = JSON.parse(readFileSync(file, 'utf8')) as { sections: { id: string; relevant?: Json; items: Json[] }[] };
  const label = (en: string, ru: string): Json => ({ en, ru });
  const names: Record<(typeof STAGES)[number], [string, string]> = {
    preparatory: ['Preparatory stage', 'Подготовительная часть'],
    evidence: ['Examination of evidence and witnesses', 'Судебное следствие (доказательства и свидетели)'],
    closing_arguments: ['Closing arguments', 'Прения сторон'],
    last_word: ["Defendant's last word", 'Последнее слово подсудимого'],
    verdict: ['Verdict', 'Приговор'],
    adjourned: ['Adjourned without hearing the case', 'Отложено без рассмотрения'],
  };
  const stages = {
    id: 'stages',
    type: 'multiple',
    label: label('Which stages of the trial took place today?', 'Какие стадии процесса прошли сегодня?'),
    choices: STAGES.map((value) => ({ value, label: label(...names[value]) })),
  };
  for (const section of form.sections) {
    if (section.id === 'details') {
      // Once the calibrated checklist carries its own stage question, this one takes its wording only,
      // keeping its options and whatever else reads them.
      const shipped = section.items.find((item) => item['id'] === 'stages') as { label: Json; choices: { value: string; label: Json }[] } | undefined;
      if (shipped === undefined) section.items.splice(2, 0, stages);
      else {
        shipped.label = stages.label;
        for (const choice of shipped.choices) if (choice.value in names) choice.label = label(...names[choice.value as (typeof STAGES)[number]]);
      }
    }
    if (section.id === 'witnesses' || section.id === 'evidence') section.relevant = stageGate(['evidence']);
    for (const item of section.items) if (item['id'] === 'lawyer_rows') Object.assign(item, { min: 1, max: 2 });
  }
  writeFileSync(file, JSON.stringify(form));
  return dir;
}

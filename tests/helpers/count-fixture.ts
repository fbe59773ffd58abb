// Forms built for the counting tests, so they do not move when the shipped checklists are recalibrated.
import { canonicalJson } from '../../src/core/canonical-json.ts';
import type { TestServer } from './test-server.ts';

const text = (en: string, ru: string) => ({ en, ru });
const scale = (id: string, en: string, ru: string, concern: object) => ({ id, type: 'scale', label: text(en, ru), concern, details: true });

/** A hearing form where one fact engages several rights, and rows name their witness or evidence item. */
export const COUNT_HEARING = {
  id: 'count-hearing',
  version: 1,
  level: 'hearing',
  languages: ['en', 'ru'],
  title: text('Hearing (counting fixture)', 'Заседание (для подсчёта)'),
  sections: [
    {
      id: 'main',
      title: text('Hearing', 'Заседание'),
      items: [
        { id: 'hearing_date', type: 'date', label: text('Date', 'Дата') },
        scale('access', 'Were monitors admitted?', 'Допустили ли наблюдателей?', { when: { in: ['no'] }, rights: ['iccpr-14-1', 'osce-copenhagen-12'], severity: 'high' }),
        {
          id: 'restraint',
          type: 'multiple',
          label: text('Restraint', 'Ограничения'),
          choices: [
            { value: 'none', label: text('None', 'Нет') },
            { value: 'cage', label: text('Metal cage', 'Металлическая клетка') },
          ],
          concern: { when: { in: ['cage'] }, rights: ['iccpr-14-2', 'iccpr-7', 'iccpr-10-1'], severity: 'medium' },
        },
        {
          id: 'witness_rows',
          type: 'repeat',
          label: text('Witnesses heard', 'Допрошенные свидетели'),
          items: [
            { id: 'witness_code', type: 'text', maxLength: 20, label: text('Code', 'Код') },
            {
              id: 'witness_role',
              type: 'single',
              label: text('Role', 'Роль'),
              choices: [
                { value: 'witness', label: text('witness', 'свидетель') },
                { value: 'victim', label: text('victim', 'потерпевший') },
              ],
            },
            scale('present_before', 'Present before testifying?', 'Присутствовал ли до допроса?', { when: { in: ['yes'] }, rights: ['iccpr-14-3-e', 'iccpr-14-1'], severity: 'medium' }),
          ],
        },
        {
          id: 'evidence_rows',
          type: 'repeat',
          label: text('Evidence items', 'Доказательства'),
          items: [
            { id: 'evidence_code', type: 'text', maxLength: 20, label: text('Code', 'Код') },
            {
              id: 'evidence_type',
              type: 'single',
              label: text('Type', 'Вид'),
              choices: [
                { value: 'document', label: text('document', 'документ') },
                { value: 'video', label: text('video', 'видеозапись') },
              ],
            },
            scale('evidence_shown', 'Shown in court?', 'Исследовано в судебном заседании?', { when: { in: ['no'] }, rights: ['iccpr-14-3-e'], severity: 'high' }),
          ],
        },
        { id: 'not_seen_heard', type: 'longtext', label: text('What you could not see or hear', 'Что вы не видели или не слышали') },
      ],
    },
  ],
};

/** A case file with one concern of its own: it is no hearing, so no matrix column and no hearing row. */
export const COUNT_CASE_FILE = {
  id: 'count-case',
  version: 1,
  level: 'case',
  languages: ['en', 'ru'],
  title: text('Case file (counting fixture)', 'Материалы дела (для подсчёта)'),
  sections: [
    {
      id: 'case',
      title: text('Case', 'Дело'),
      items: [
        { id: 'charges', type: 'text', maxLength: 200, label: text('Charges', 'Обвинение') },
        { id: 'hours_to_judge', type: 'integer', min: 0, max: 10000, label: text('Hours from arrest to a judge', 'Часов от задержания до суда'), concern: { when: { gt: 48 }, rights: ['iccpr-9-3'], severity: 'high' } },
      ],
    },
  ],
};

export async function publishCountForms(server: TestServer): Promise<void> {
  const now = new Date().toISOString();
  for (const form of [COUNT_HEARING, COUNT_CASE_FILE]) {
    await server.database.db.insertInto('forms').values({ id: form.id, version: form.version, definition: canonicalJson(form), published_at: now }).execute();
  }
}

/** The first observer's report: five findings (one about a victim the coordinator will dismiss), ten right mentions. */
export const FIRST_OBSERVER_ANSWERS = {
  hearing_date: '2026-11-20',
  access: 'no',
  access_details: 'The bailiff kept us in the corridor.',
  restraint: ['cage'],
  witness_rows: [
    { _row: 'w1', witness_code: 'W1', witness_role: 'witness', present_before: 'yes', present_before_details: 'W1 sat in the room all morning.' },
    { _row: 'w2', witness_code: 'W2', witness_role: 'victim', present_before: 'yes' },
    { _row: 'w3', witness_code: 'W3', witness_role: 'witness', present_before: 'no' },
  ],
  evidence_rows: [{ _row: 'e1', evidence_code: 'E1', evidence_type: 'video', evidence_shown: 'no', evidence_shown_details: 'The prosecutor cited the video; it was never played.' }],
  not_seen_heard: 'The closing minutes, from the corridor.',
};

/** The second observer of the same hearing: one finding. */
export const SECOND_OBSERVER_ANSWERS = { hearing_date: '2026-11-20', access: 'no', restraint: ['none'] };

export const CASE_FILE_ANSWERS = { charges: 'Art. 278 (mass riots)', hours_to_judge: 72 };

import { isAnswered, type Answers, type RepeatRow } from '../../core/forms/answers.ts';
import { evaluateForm, rowPath } from '../../core/forms/evaluate.ts';
import { localize, SCALE_VALUES, type Choice, type FieldItem, type Form } from '../../core/forms/types.ts';
import { useI18n, type Translate } from '../base/i18n/messages.ts';
import { rowTitle } from './row-title.ts';

/** A report's answers, read-only, in the form's order: what a coordinator reviews. Hidden items are left out. */
export function AnswersView({ form, answers }: { form: Form; answers: Answers }) {
  const { t, language } = useI18n();
  const { hidden } = evaluateForm(form, answers);
  return (
    <div class="answers-view">
      {form.sections.map((section) => (
        <section key={section.id}>
          <h2>{localize(section.title, language)}</h2>
          <dl>
            {section.items.map((item) => {
              if (hidden.has(item.id)) return null;
              if (item.type !== 'repeat') return <Answer key={item.id} item={item} value={answers[item.id]} t={t} language={language} />;
              const rows = (Array.isArray(answers[item.id]) ? answers[item.id] : []) as readonly RepeatRow[];
              return (
                <div key={item.id} class="repeat-answers">
                  <dt>{localize(item.label, language)}</dt>
                  <dd>
                    {rows.length === 0
                      ? t('notAnswered')
                      : rows.map((row, index) => (
                          <div key={row._row} class="repeat-row">
                            <strong>{rowTitle(item, row, index, language, t)}</strong>
                            <dl>{item.items.map((inner) => (hidden.has(rowPath(item.id, row._row, inner.id)) ? null : <Answer key={inner.id} item={inner} value={row[inner.id]} t={t} language={language} />))}</dl>
                          </div>
                        ))}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </div>
  );
}

function Answer({ item, value, t, language }: { item: FieldItem; value: Answers[string] | undefined; t: Translate; language: string }) {
  if (item.type === 'note') return null;
  return (
    <>
      <dt>{localize(item.label, language)}</dt>
      <dd>{isAnswered(value) ? display(item, value, t, language) : t('notAnswered')}</dd>
    </>
  );
}

function display(item: FieldItem, value: Answers[string] | undefined, t: Translate, language: string): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (item.type === 'scale') {
      const scale = SCALE_VALUES.find((s) => s === value);
      return scale === undefined ? value : t(`scale.${scale}`);
    }
    return item.type === 'single' ? choiceLabel(item.choices, value, language) : value;
  }
  const strings = (value ?? []).filter((v): v is string => typeof v === 'string');
  return item.type === 'multiple' ? strings.map((v) => choiceLabel(item.choices, v, language)).join(', ') : strings.join(', ');
}

function choiceLabel(choices: readonly Choice[], value: string, language: string): string {
  return localize(choices.find((c) => c.value === value)?.label, language) || value;
}

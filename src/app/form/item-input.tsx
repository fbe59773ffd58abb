import type { AnswerValue, FieldValue } from '../../core/forms/answers.ts';
import type { AnswerIssue } from '../../core/forms/evaluate.ts';
import { localize, SCALE_VALUES, type ChoiceItem, type FieldItem, type ScaleItem } from '../../core/forms/types.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { AttachmentInput } from './attachment-input.tsx';
import { NameWarning } from './name-warning.tsx';
import { NowButton } from './now-button.tsx';

export interface ItemInputProps {
  readonly item: FieldItem;
  readonly path: string;
  readonly value: AnswerValue | undefined;
  readonly issue: AnswerIssue | undefined;
  readonly readOnly: boolean;
  readonly onChange: (value: FieldValue | undefined) => void;
  /** Inside a row card: a single choice of many options is a drop-down, so the row's questions fit a screen or two. */
  readonly compact?: boolean | undefined;
}

/** From this many options on, a single choice inside a row card is a drop-down. */
const COMPACT_FROM = 4;

/** One question: its label, help, control and the engine's message about it. */
export function ItemInput({ item, path, value, issue, readOnly, onChange, compact = false }: ItemInputProps) {
  const { t, language } = useI18n();
  const id = `item-${path.replace(/\./g, '-')}`;
  const label = localize(item.label, language);
  const help = item.help === undefined ? undefined : localize(item.help, language);
  const describedBy = [help === undefined ? '' : `${id}-help`, issue === undefined ? '' : `${id}-issue`].filter((s) => s !== '').join(' ') || undefined;
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

  if (item.type === 'attachment') {
    const refs = Array.isArray(value) ? (value as readonly unknown[]).filter((v): v is string => typeof v === 'string') : [];
    const shown = issue === undefined ? null : <Issue id={`${id}-issue`} issue={issue} />;
    return <AttachmentInput item={item} path={path} value={refs} readOnly={readOnly} onChange={onChange} issue={shown} describedBy={describedBy} />;
  }
  if (item.type === 'note') {
    return (
      <div class="item note">
        <p>{label}</p>
        {help !== undefined && <p class="help">{help}</p>}
      </div>
    );
  }

  const common = { id, disabled: readOnly, 'aria-describedby': describedBy, 'aria-invalid': issue !== undefined, 'aria-required': item.required };
  let control;
  switch (item.type) {
    case 'text':
      control = <input {...common} type="text" maxLength={item.maxLength} value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
      break;
    case 'longtext':
      control = <textarea {...common} rows={3} maxLength={item.maxLength} value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
      break;
    case 'integer':
      control = (
        <input
          {...common}
          type="number"
          inputMode="numeric"
          step={1}
          min={item.min}
          max={item.max}
          value={text}
          onInput={(e) => {
            const raw = e.currentTarget.value;
            onChange(raw === '' ? undefined : Number(raw));
          }}
        />
      );
      break;
    case 'date':
    case 'time':
      control = (
        <div class="with-now">
          <input {...common} type={item.type} value={text} onInput={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)} />
          {!readOnly && <NowButton kind={item.type} onPick={onChange} />}
        </div>
      );
      break;
    case 'single':
      if (compact && item.choices.length >= COMPACT_FROM) {
        control = (
          <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}>
            <option value="">{t('notAnswered')}</option>
            {item.choices.map((c) => (
              <option key={c.value} value={c.value}>
                {localize(c.label, language)}
              </option>
            ))}
          </select>
        );
        break;
      }
      return <RadioChoices item={item} id={id} value={value} issue={issue} readOnly={readOnly} onChange={onChange} describedBy={describedBy} />;
    case 'scale':
      return <RadioChoices item={item} id={id} value={value} issue={issue} readOnly={readOnly} onChange={onChange} describedBy={describedBy} />;
    case 'multiple': {
      const selected = Array.isArray(value) ? (value as readonly string[]) : [];
      return (
        <fieldset class={`item choice ${issue === undefined ? '' : 'invalid'}`} aria-describedby={describedBy}>
          <legend>{label}</legend>
          {help !== undefined && <p class="help" id={`${id}-help`}>{help}</p>}
          <div class="choices">
            {item.choices.map((c) => (
              <label key={c.value} class="option">
                <input
                  type="checkbox"
                  value={c.value}
                  checked={selected.includes(c.value)}
                  disabled={readOnly}
                  onChange={(e) => {
                    const next = e.currentTarget.checked ? [...selected, c.value] : selected.filter((s) => s !== c.value);
                    onChange(next.length === 0 ? undefined : next);
                  }}
                />
                <span>{localize(c.label, language)}</span>
              </label>
            ))}
          </div>
          <Issue id={`${id}-issue`} issue={issue} />
        </fieldset>
      );
    }
  }
  return (
    <div class={`item ${issue === undefined ? '' : 'invalid'}`}>
      <label for={id}>
        {label}
        {item.required && <span aria-hidden="true"> *</span>}
      </label>
      {help !== undefined && <p class="help" id={`${id}-help`}>{help}</p>}
      {control}
      {(item.type === 'text' || item.type === 'longtext') && <NameWarning text={text} id={`${id}-names`} />}
      <Issue id={`${id}-issue`} issue={issue} />
    </div>
  );
}

/** A scale, or a single choice, as a row of radio buttons: one tap answers. */
interface RadioChoicesProps {
  readonly item: ScaleItem | ChoiceItem;
  readonly id: string;
  readonly value: AnswerValue | undefined;
  readonly issue: AnswerIssue | undefined;
  readonly readOnly: boolean;
  readonly onChange: (value: FieldValue | undefined) => void;
  readonly describedBy: string | undefined;
}

function RadioChoices({ item, id, value, issue, readOnly, onChange, describedBy }: RadioChoicesProps) {
  const { t, language } = useI18n();
  const label = localize(item.label, language);
  const help = item.help === undefined ? undefined : localize(item.help, language);
  const options = item.type === 'scale' ? SCALE_VALUES.map((v) => ({ value: v, text: t(`scale.${v}`) })) : item.choices.map((c) => ({ value: c.value, text: localize(c.label, language) }));
  return (
    <fieldset class={`item choice ${issue === undefined ? '' : 'invalid'}`} aria-describedby={describedBy}>
      <legend>
        {label}
        {item.required && <span aria-hidden="true"> *</span>}
      </legend>
      {help !== undefined && <p class="help" id={`${id}-help`}>{help}</p>}
      <div class={item.type === 'scale' ? 'scale' : 'choices'}>
        {options.map((o) => (
          <label key={o.value} class="option">
            <input type="radio" name={id} value={o.value} checked={value === o.value} disabled={readOnly} onChange={() => onChange(o.value)} />
            <span>{o.text}</span>
          </label>
        ))}
      </div>
      <Issue id={`${id}-issue`} issue={issue} />
    </fieldset>
  );
}

function Issue({ id, issue }: { id: string; issue: AnswerIssue | undefined }) {
  const { t, language } = useI18n();
  if (issue === undefined) return null;
  const text = issue.message !== undefined ? localize(issue.message, language) : t(`issue.${issue.code}`, issue.limit === undefined ? {} : { limit: issue.limit });
  return (
    <p class="issue" id={id} role="alert">
      {text}
    </p>
  );
}

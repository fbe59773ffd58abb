// The limit to measure against: the generated form as a plain Preact page, answers in memory only (no
// storage, no conditions engine, no findings). Its markup names inputs the way Trial Monitor does, so the
// benchmark finds the first question and the follow-up with the same selectors.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { SCALE, type PeerSection } from '../generated-form.ts';

declare const __PEER_SECTIONS__: PeerSection[];

function Form({ sections }: { sections: readonly PeerSection[] }) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const set = (id: string, value: string): void => setAnswers((a) => ({ ...a, [id]: value }));
  return (
    <form>
      {sections.map((s) => (
        <section key={s.id}>
          <h2>{s.title}</h2>
          {s.questions.map((q) => (
            <div key={q.id}>
              <fieldset>
                <legend>{q.label}</legend>
                {SCALE.map((o) => (
                  <label key={o.value}>
                    <input type="radio" name={`item-${q.id}`} value={o.value} checked={answers[q.id] === o.value} onChange={() => set(q.id, o.value)} />
                    {o.label}
                  </label>
                ))}
              </fieldset>
              {q.followUp !== undefined && answers[q.id] === 'no' && (
                <label>
                  {q.followUp.label}
                  <textarea id={`item-${q.followUp.id}`} value={answers[q.followUp.id] ?? ''} onInput={(e) => set(q.followUp?.id ?? '', e.currentTarget.value)} />
                </label>
              )}
            </div>
          ))}
        </section>
      ))}
    </form>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<Form sections={__PEER_SECTIONS__} />, root);

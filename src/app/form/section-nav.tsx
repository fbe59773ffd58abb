import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { localize, type Form } from '../../core/forms/types.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { nextUnanswered, type FormProgress } from './form-progress.ts';
import { goTo } from './go-to-answer.ts';
import { mountAllSections } from './section-mount.ts';

async function goToSection(id: string): Promise<void> {
  // The sections above it are built first, so the heading stays where it was scrolled to.
  await mountAllSections();
  const heading = document.getElementById(`section-${id}`);
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus({ preventScroll: true });
}

/**
 * The hearing form's navigator, stuck to the bottom of the screen where a thumb reaches it: overall
 * progress, "next unanswered" (required questions first) and the list of sections with, for each, how
 * many questions are answered and how many required ones are left. `tools` (the courtroom fast paths: a
 * toggle beside the buttons, its panel on a line below them) share the strip, so the thumb finds both in one place.
 */
export function SectionNav({ form, progress, tools }: { form: Form; progress: FormProgress; tools?: ComponentChildren }) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  const [notShown, setNotShown] = useState(false);
  const visited = useRef(new Set<string>());

  const jump = async (): Promise<void> => {
    const { path, restart } = nextUnanswered(progress.unanswered, visited.current);
    if (restart) visited.current.clear();
    if (path === undefined) return;
    visited.current.add(path);
    setOpen(false);
    setNotShown(!(await goTo(path)));
  };

  return (
    <nav class="form-nav" aria-label={t('sections')} data-testid="section-nav">
      {open && (
        <ul class="section-list" id="section-list">
          {form.sections.map((section, index) => {
            const counts = progress.sections[index];
            if (counts === undefined || counts.shown === 'hidden') return null;
            return (
              <li key={section.id}>
                <button
                  type="button"
                  data-section={section.id}
                  onClick={() => {
                    setOpen(false);
                    void goToSection(section.id);
                  }}
                >
                  <span class="section-name">{localize(section.title, language)}</span>
                  <span class="section-counts" data-testid={`counts-${section.id}`} data-answered={counts.answered} data-required-left={counts.requiredLeft}>
                    {counts.shown === 'nothing' ? '—' : `${counts.answered}/${counts.total}`}
                    {counts.requiredLeft > 0 && <span class="required-left"> · {t('requiredLeft', { n: counts.requiredLeft })}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {notShown && (
        <p class="issue" role="alert">
          {t('questionNotShown')}
        </p>
      )}
      <div class="nav-bar">
        <button type="button" aria-expanded={open} aria-controls="section-list" onClick={() => setOpen(!open)}>
          {t('sections')}
        </button>
        <div class="overall" data-testid="overall-progress" data-answered={progress.answered} data-total={progress.total} data-required-left={progress.requiredLeft}>
          <progress max={Math.max(1, progress.total)} value={progress.answered} aria-label={t('progressOverall', { answered: progress.answered, total: progress.total })} />
          <span>
            {progress.answered}/{progress.total}
            {progress.requiredLeft > 0 && ` · ${t('requiredLeft', { n: progress.requiredLeft })}`}
          </span>
        </div>
        <button type="button" class="primary" onClick={() => void jump()} disabled={progress.unanswered.length === 0}>
          {t('nextUnanswered')}
        </button>
        {tools}
      </div>
    </nav>
  );
}

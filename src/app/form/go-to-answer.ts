import { mountAllSections } from './section-mount.ts';

/**
 * Scrolls to a question (or a section) and puts the focus in it, so the keyboard opens where the answer
 * goes. Sections not built yet are built first (section-mount.ts); a question inside a closed row card
 * opens the card (one frame later its questions are on screen). False when the question is not on screen
 * at all: hidden by an answer, a stage or "nothing to record".
 */
export async function goTo(path: string): Promise<boolean> {
  await mountAllSections();
  const [repeatId, rowId] = path.split('.');
  if (rowId !== undefined && repeatId !== undefined) {
    const card = document.querySelector(`[data-repeat="${CSS.escape(repeatId)}"] [data-row="${CSS.escape(rowId)}"][data-open="false"]`);
    card?.querySelector<HTMLElement>('.row-toggle')?.click();
    if (card !== null) await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const target = document.querySelector(`[data-path="${CSS.escape(path)}"]`);
  if (target === null) return false;
  target.scrollIntoView({ block: 'center' });
  const control = target.querySelector<HTMLElement>('input:not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled])');
  control?.focus({ preventScroll: true });
  return true;
}

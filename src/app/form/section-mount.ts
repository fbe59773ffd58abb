/**
 * The form on screen builds a screen's worth of questions before the first paint and a few more after
 * each paint (form-view.tsx): building all 150-200 questions of the hearing form before the first paint
 * was most of the time to open a report (bench:form). Whatever must reach a question that may not be
 * built yet (the navigator, "next unanswered", "show the answer") asks for the whole form first.
 */
let mountAll: (() => void) | undefined;

/** The form on screen registers how to build every section now; the returned function unregisters it. */
export function registerMountAll(listener: () => void): () => void {
  mountAll = listener;
  return () => {
    if (mountAll === listener) mountAll = undefined;
  };
}

/** Builds every section of the form on screen, resolving once they are in the page (the next frame). */
export async function mountAllSections(): Promise<void> {
  if (mountAll === undefined) return;
  mountAll();
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

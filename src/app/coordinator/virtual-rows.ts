import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Rows are a fixed height so that the window can be computed without measuring each one. */
export const ROW_HEIGHT = 48;
const OVERSCAN = 10;

/**
 * Which rows of a long list to render: only those in view (plus a margin), so 10,000 rows cost as much
 * as a screenful. The caller puts spacers of `before` and `after` pixels around the rendered rows.
 */
export function useVirtualRows(container: RefObject<HTMLElement>, count: number): { start: number; end: number; before: number; after: number } {
  const [view, setView] = useState({ top: 0, height: 800 });
  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const update = (): void => setView({ top: element.scrollTop, height: element.clientHeight || 800 });
    update();
    element.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      element.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [container]);
  const start = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(count, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  return { start, end, before: start * ROW_HEIGHT, after: Math.max(0, (count - end) * ROW_HEIGHT) };
}

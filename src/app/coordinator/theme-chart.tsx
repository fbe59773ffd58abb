import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CoordinatorText } from './text.ts';

export interface Series {
  readonly label: string;
  /** Share of hearings, 0..1, per month; null where no hearing was observed that month. */
  readonly shares: readonly (number | null)[];
}

/**
 * Below this many observed hearings a month's shares are flagged: one hearing of two is "50%", and a
 * reader must not take it for a trend. The chart shades those months and the legend says which they are.
 */
export const FEW_HEARINGS = 5;

// Distinguishable in light and dark themes, and not by colour alone: each line also has its own dash.
const COLOURS = ['#c0392b', '#2471a3', '#b9770e', '#1e8449', '#7d3c98', '#566573'];
const DASHES: readonly (readonly number[])[] = [[], [6, 3], [2, 3], [8, 3, 2, 3], [1, 2], [10, 4]];
const colour = (n: number): string => COLOURS[n % COLOURS.length] ?? '#566573';
const WIDTH = 640;
const HEIGHT = 260;

/**
 * Lines of the share of hearings with a concern, per right, month by month, drawn by uPlot (chosen for
 * its size: about 50 KB minified, in the lazy coordinator chunk only, against several hundred for the
 * larger libraries). Its own legend is off: the list below names each right with its line's colour and
 * dash, wraps on a phone, and says which months rest on few hearings. The table beside it carries the numbers.
 */
export function ThemeChart({ months, hearings, series, t }: { months: readonly string[]; hearings: readonly number[]; series: readonly Series[]; t: CoordinatorText }) {
  const host = useRef<HTMLDivElement>(null);
  const few = months.filter((_, i) => (hearings[i] ?? 0) > 0 && (hearings[i] ?? 0) < FEW_HEARINGS);

  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const xs = months.map((_, i) => i);
    const data: uPlot.AlignedData = [xs, ...series.map((s) => s.shares.map((share) => (share === null ? null : Math.round(share * 1000) / 10)))];
    const shadeFewMonths = (u: uPlot): void => {
      const { ctx } = u;
      ctx.save();
      ctx.fillStyle = 'rgba(128, 128, 128, 0.15)';
      months.forEach((_, i) => {
        const n = hearings[i] ?? 0;
        if (n === 0 || n >= FEW_HEARINGS) return;
        const half = months.length <= 1 ? u.bbox.width / 2 : (u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true)) / 2;
        const centre = u.valToPos(i, 'x', true);
        ctx.fillRect(centre - half, u.bbox.top, half * 2, u.bbox.height);
      });
      ctx.restore();
    };
    const chart = new uPlot(
      {
        width: Math.min(WIDTH, element.clientWidth || WIDTH),
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: true, drag: { x: false, y: false } },
        scales: { x: { time: false, range: [-0.5, Math.max(0.5, months.length - 0.5)] }, y: { range: [0, 100] } },
        axes: [
          { values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? (months[tick] ?? '') : '')), incrs: [1] },
          { values: (_u, ticks) => ticks.map((tick) => `${tick}%`) },
        ],
        series: [{}, ...series.map((s, n) => ({ label: s.label, stroke: colour(n), width: 2.5, dash: [...(DASHES[n % DASHES.length] ?? [])], points: { show: true, size: 6 }, spanGaps: false }))],
        hooks: { drawClear: [shadeFewMonths] },
      },
      data,
      element,
    );
    return () => chart.destroy();
  }, [months, hearings, series]);

  return (
    <figure class="theme-chart">
      <div ref={host} role="img" aria-label={t('themeChart')} data-testid="theme-chart" />
      <figcaption>
        <ul class="legend" data-testid="theme-legend">
          {series.map((s, n) => (
            <li key={s.label}>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" x2="28" y1="5" y2="5" stroke={colour(n)} stroke-width="2.5" stroke-dasharray={(DASHES[n % DASHES.length] ?? []).join(' ')} />
              </svg>{' '}
              {s.label}
            </li>
          ))}
        </ul>
        {few.length > 0 && (
          <p class="few-hearings" data-testid="few-hearings">
            {t('fewHearings').replace('{n}', String(FEW_HEARINGS))} {few.join(', ')}
          </p>
        )}
      </figcaption>
    </figure>
  );
}

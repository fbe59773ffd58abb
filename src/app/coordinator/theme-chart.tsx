import type { CoordinatorText } from './text.ts';

export interface Series {
  readonly label: string;
  /** Share of hearings, 0..1, per month; null where no hearing was observed that month. */
  readonly shares: readonly (number | null)[];
}

// Distinguishable in light and dark themes, and not by colour alone: each line also has its own dash.
const COLOURS = ['#c0392b', '#2471a3', '#b9770e', '#1e8449', '#7d3c98', '#566573'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];
const W = 640;
const H = 240;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

/** Lines of the share of hearings with a concern, per right, month by month. The table beside it carries the numbers. */
export function ThemeChart({ months, series, t }: { months: readonly string[]; series: readonly Series[]; t: CoordinatorText }) {
  const x = (i: number): number => PAD.left + (months.length <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (months.length - 1));
  const y = (share: number): number => PAD.top + (1 - share) * (H - PAD.top - PAD.bottom);
  return (
    <figure class="theme-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('themeChart')}>
        {[0, 0.25, 0.5, 0.75, 1].map((g) => (
          <g key={g}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(g)} y2={y(g)} class="grid" />
            <text x={PAD.left - 4} y={y(g) + 4} text-anchor="end" class="axis">
              {Math.round(g * 100)}%
            </text>
          </g>
        ))}
        {months.map((m, i) => (
          <text key={m} x={x(i)} y={H - 8} text-anchor="middle" class="axis">
            {m}
          </text>
        ))}
        {series.map((s, n) => {
          const points = s.shares.flatMap((share, i) => (share === null ? [] : [`${x(i)},${y(share)}`])).join(' ');
          return <polyline key={s.label} points={points} fill="none" stroke={COLOURS[n % COLOURS.length]} stroke-width="2.5" stroke-dasharray={DASHES[n % DASHES.length]} />;
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {series.map((s, n) => (
            <li key={s.label}>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" x2="28" y1="5" y2="5" stroke={COLOURS[n % COLOURS.length]} stroke-width="2.5" stroke-dasharray={DASHES[n % DASHES.length]} />
              </svg>{' '}
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

import { useI18n } from '../i18n';

const LABEL_MAX = 220;

/** Rough text width at 12px: CJK glyphs are one em, Latin about half of one. */
const textWidth = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12 : 6.6), 0);

function fitLabel(label: string, max: number): string {
  if (textWidth(label) <= max) return label;
  const chars = [...label];
  while (chars.length > 1 && textWidth(chars.join('') + '…') > max) chars.pop();
  return chars.join('') + '…';
}

export interface Bar {
  key: string;
  label: string;
  value: number;
  href?: string;
  tone?: 'default' | 'warn' | 'danger';
}

/**
 * Horizontal bars drawn as plain SVG: the counts people compare at a glance. Each bar links to
 * the case list filtered to it.
 */
export function BarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const { t } = useI18n();
  if (bars.length === 0) return <p class="muted empty">{t('none')}</p>;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const row = 26;
  const shown = bars.map((b) => fitLabel(b.label, LABEL_MAX));
  const labelW = Math.max(64, Math.max(...shown.map(textWidth)) + 12);
  // One width for every chart, so their text is drawn at the same size side by side.
  const width = 480;
  const chartW = width - labelW - 44;
  const height = bars.length * row + 4;
  return (
    <svg
      class="barchart"
      role="img"
      aria-label={title}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      {bars.map((b, i) => {
        const w = Math.max(2, (b.value / max) * chartW);
        const y = i * row + 2;
        const content = (
          <g class={`bar bar-${b.tone ?? 'default'}`}>
            <title>{`${b.label}: ${b.value}`}</title>
            <text
              x={labelW - 8}
              y={y + row / 2 + 1}
              text-anchor="end"
              dominant-baseline="middle"
              class="bar-label"
            >
              {shown[i]}
            </text>
            <rect x={labelW} y={y + 4} width={w} height={row - 10} rx={2} />
            <text x={labelW + w + 6} y={y + row / 2 + 1} dominant-baseline="middle" class="bar-value">
              {b.value}
            </text>
          </g>
        );
        return b.href ? (
          <a key={b.key} href={b.href}>
            {content}
          </a>
        ) : (
          <g key={b.key}>{content}</g>
        );
      })}
    </svg>
  );
}

/** Counts per day over the next N days, as columns (deadlines that bunch up stand out). */
export function DayColumns({ days, counts, label }: { days: string[]; counts: number[]; label: string }) {
  const max = Math.max(...counts, 1);
  const colW = 16;
  const h = 80;
  const width = days.length * colW;
  return (
    <svg class="daycols" role="img" aria-label={label} viewBox={`0 0 ${width} ${h + 18}`} width="100%">
      {counts.map((c, i) => {
        const bh = c === 0 ? 1 : Math.max(4, (c / max) * h);
        return (
          <g key={days[i]}>
            <title>{`${days[i]}: ${c}`}</title>
            <rect
              x={i * colW + 2}
              y={h - bh}
              width={colW - 4}
              height={bh}
              rx={1.5}
              class={c ? 'col' : 'col-empty'}
            />
            {i % 7 === 0 && (
              <text x={i * colW + 2} y={h + 13} class="col-label">
                {days[i]}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

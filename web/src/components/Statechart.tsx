import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { highlightedChart, stateOf } from '../statechart';

let renderCount = 0;
const FONT =
  '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB", sans-serif';

/** The lifecycle statechart with this case's current state (and the states it went through) marked. */
export function Statechart({
  status,
  visitedStatuses,
}: {
  status: string | null;
  visitedStatuses: string[];
}) {
  const i = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const [events, setEvents] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const current = stateOf(i.vocab.statusState, status);
  const visitedKey = visitedStatuses.join(',');

  useEffect(() => {
    let cancelled = false;
    const text = highlightedChart({
      current,
      visited: visitedStatuses.map((v) => stateOf(i.vocab.statusState, v)).filter((s): s is string => !!s),
      events,
    });
    // mermaid is large: it is a separate chunk, loaded when a case page first shows a chart.
    import('mermaid')
      .then(async ({ default: mermaid }) => {
        mermaid.initialize({
          startOnLoad: false,
          securityLevel: 'strict',
          theme: 'base',
          fontFamily: FONT,
          state: { useMaxWidth: false },
          themeVariables: {
            fontFamily: FONT,
            fontSize: '13px',
            primaryColor: '#f6f8fb',
            primaryBorderColor: '#9aa9bf',
            primaryTextColor: '#1f2937',
            lineColor: '#8a97aa',
            tertiaryColor: '#ffffff',
            noteBkgColor: '#fbf8ef',
            noteBorderColor: '#d8cfae',
          },
        });
        const { svg } = await mermaid.render(`statechart-${++renderCount}`, text);
        const box = host.current;
        if (!cancelled && box) {
          box.innerHTML = svg;
          setFailed(null);
          // Drawn at its natural size (readable) inside a scroll box: bring the current state into view.
          const node = box.querySelector('g.current');
          if (node) {
            const n = node.getBoundingClientRect();
            const b = box.getBoundingClientRect();
            box.scrollLeft += n.left - b.left - (b.width - n.width) / 2;
            box.scrollTop += n.top - b.top - (b.height - n.height) / 2;
          }
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) setFailed((err as Error).message);
      });
    return () => {
      cancelled = true;
    };
    // visitedKey stands for visitedStatuses (a new array on every render)
  }, [current, visitedKey, events]);

  return (
    <div class="statechart">
      <div class="statechart-bar">
        <span class="legend">
          <span class="swatch swatch-current" /> {i.t('statechartLegendCurrent')}
          {current ? `：${i.status(status)}` : ''}
        </span>
        <span class="legend">
          <span class="swatch swatch-visited" /> {i.t('statechartLegendVisited')}
        </span>
        <label class="check small">
          <input type="checkbox" checked={events} onChange={(e) => setEvents(e.currentTarget.checked)} />
          {i.t('statechartNotes')}
        </label>
      </div>
      {failed && <p class="error-note">{failed}</p>}
      <div class="statechart-svg" ref={host} data-testid="statechart" data-current={current ?? ''} />
    </div>
  );
}

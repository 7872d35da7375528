import source from '../../docs/statechart.mmd';

/*
 * The diagram is docs/statechart.mmd itself (generated from the machine, imported as text at build
 * time). Its node ids are the machine's state keys; the API speaks in status codes; the machine's
 * STATUS_STATE (served in GET /api/meta/vocabulary as statusState) maps one to the other, e.g. EXTENDED → service, CLOSED_PROMOTED → promoted.
 * The highlight is a mermaid classDef appended to the text, so no SVG is patched afterwards.
 */

export const STATECHART_SOURCE = source;

export function stateOf(
  statusState: Record<string, string>,
  status: string | null | undefined,
): string | undefined {
  return status ? statusState[status] : undefined;
}

/** The diagram's node ids, as declared by `state "…" as id`. */
export function nodeIds(text = source): string[] {
  return [...text.matchAll(/^\s*state\s+"[^"]*"\s+as\s+(\w+)/gm)].map((m) => m[1] ?? '');
}

export function highlightedChart(opts: {
  current: string | undefined;
  visited: string[];
  /** with the events on the arrows and the "stays on" notes (a reference, but far too wide to read at once) */
  events: boolean;
  text?: string;
}): string {
  let text = opts.text ?? source;
  if (!opts.events) {
    text = text
      .replace(/^\s*note right of \w+\n[\s\S]*?^\s*end note\n?/gm, '')
      .replace(/^(\s*(?:\w+|\[\*\])\s*-->\s*(?:\w+|\[\*\]))\s*:.*$/gm, '$1');
  }
  const known = new Set(nodeIds(text));
  const visited = [...new Set(opts.visited)].filter((s) => known.has(s) && s !== opts.current);
  const lines = [
    text.trimEnd(),
    '  classDef visited fill:#e8eef6,stroke:#7f93b0,color:#1f3350',
    '  classDef current fill:#9b2c2c,stroke:#5e1414,stroke-width:3px,color:#ffffff,font-weight:bold',
  ];
  if (visited.length > 0) lines.push(`  class ${visited.join(',')} visited`);
  if (opts.current && known.has(opts.current)) lines.push(`  class ${opts.current} current`);
  return lines.join('\n') + '\n';
}

// Writes the Mermaid statechart of the secondment machine to docs/statechart.mmd.
// `--check` exits non-zero when the committed file differs from what the machine produces.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderStatechart } from '../machines/secondment';

export const STATECHART_PATH = join(__dirname, '..', 'docs', 'statechart.mmd');

function main(argv: string[]): number {
  const fresh = renderStatechart();
  if (argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(STATECHART_PATH, 'utf8');
    } catch {
      committed = '';
    }
    if (committed !== fresh) {
      console.error('docs/statechart.mmd is stale: run `npx tsx scripts/genStatechart.ts`');
      return 1;
    }
    console.log('docs/statechart.mmd is up to date');
    return 0;
  }
  writeFileSync(STATECHART_PATH, fresh);
  console.log(`wrote ${STATECHART_PATH}`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProbeEffect } from './machine';

export interface ProbeJournalEntry {
  probeId: string;
  seq: number;
  effect: ProbeEffect;
}

/**
 * Carries out the chain probe's effects by appending them to a JSON-lines journal, one file
 * per probe. Idempotent on (probeId, seq): a retried activity finds its line and adds nothing.
 */
export function createProbeActivities(deps: { journalDir: string }) {
  const fileOf = (probeId: string) => path.join(deps.journalDir, `${encodeURIComponent(probeId)}.jsonl`);

  async function readProbeJournal(probeId: string): Promise<ProbeJournalEntry[]> {
    try {
      const text = await readFile(fileOf(probeId), 'utf8');
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as ProbeJournalEntry);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  async function applyProbeEffect(entry: ProbeJournalEntry): Promise<{ written: boolean }> {
    await mkdir(deps.journalDir, { recursive: true });
    const existing = await readProbeJournal(entry.probeId);
    if (existing.some((e) => e.seq === entry.seq)) return { written: false };
    await appendFile(fileOf(entry.probeId), `${JSON.stringify(entry)}\n`);
    return { written: true };
  }

  return { applyProbeEffect, readProbeJournal };
}

export type ProbeActivities = ReturnType<typeof createProbeActivities>;

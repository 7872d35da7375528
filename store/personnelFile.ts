import type { PersonnelFileEntry } from '../contract';
import type { Queryable } from '../db';
import { toIso, type Timestamp } from './time';

interface PersonnelFileRow {
  case_id: string;
  seq: number;
  idx: number;
  kind: string;
  content: Record<string, unknown>;
  at: Timestamp;
}

/** The personnel-file (个人档案) entries a case's transitions wrote, in order. */
export async function getPersonnelFile(db: Queryable, caseId: string): Promise<PersonnelFileEntry[]> {
  const rows = await db.query<PersonnelFileRow>(
    'SELECT * FROM personnel_file_entries WHERE case_id = $1 ORDER BY seq, idx',
    [caseId],
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    seq: r.seq,
    idx: r.idx,
    kind: r.kind,
    content: r.content,
    at: toIso(r.at),
  }));
}

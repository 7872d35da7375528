// Who a notification reaches, by name: the single-intervention preview shows an admin the people a
// step will write to before it is applied (names stay in the database; Temporal has role@unit only).
import type { Queryable } from '../db';
import { personNames } from './persons';
import { unitNames } from './units';

export interface NamedRecipient {
  role: string;
  unit: string;
  unitName: { zh: string; en: string };
  personId: string | null;
  /** the person addressed, or the active accounts holding that role at that unit */
  names: string[];
}

export async function namedRecipients(
  db: Queryable,
  recipients: readonly { role: string; unit: string; personId?: string | undefined }[],
): Promise<NamedRecipient[]> {
  const units = await unitNames(
    db,
    recipients.map((r) => r.unit),
  );
  const persons = await personNames(
    db,
    recipients.flatMap((r) => (r.personId ? [r.personId] : [])),
  );
  const out: NamedRecipient[] = [];
  for (const r of recipients) {
    const unitName = units.get(r.unit) ?? { zh: r.unit, en: r.unit };
    if (r.personId) {
      out.push({ ...r, unitName, personId: r.personId, names: [persons.get(r.personId) ?? r.personId] });
      continue;
    }
    const rows = await db.query<{ display_name: string }>(
      `SELECT display_name FROM api_users
        WHERE role = $1 AND NOT disabled AND units @> jsonb_build_array($2::text)
        ORDER BY username`,
      [r.role, r.unit],
    );
    out.push({
      role: r.role,
      unit: r.unit,
      unitName,
      personId: null,
      names: rows.map((x) => x.display_name),
    });
  }
  return out;
}

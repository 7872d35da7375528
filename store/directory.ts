import { z } from 'zod';
import type { Queryable } from '../db';

/** Languages a recipient reads mail in: zh-CN by default, English per directory entry. */
export const localeSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const directoryEntrySchema = z.object({
  role: z.string().min(1),
  unit: z.string().min(1),
  address: z.string().min(3),
  locale: localeSchema.default('zh-CN'),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export interface MailRecipient {
  address: string;
  locale: Locale;
}

/**
 * Who reads mail for a role in a unit, or for a person (the cadre: their own address, a directory
 * entry with role `person` and the person id as its unit, until the cadre registry holds addresses).
 * Without a directory entry mail still goes somewhere inspectable: the local address
 * `${role}@${unit}.local`, or `person-${id}@local` for a person, in zh-CN.
 */
export async function resolveRecipient(
  db: Queryable,
  role: string,
  unit: string,
  personId?: string | null,
): Promise<MailRecipient> {
  const [lookupRole, lookupUnit] = personId ? ['person', personId] : [role, unit];
  const rows = await db.query<{ address: string; locale: Locale }>(
    'SELECT address, locale FROM directory WHERE role = $1 AND unit = $2',
    [lookupRole, lookupUnit],
  );
  return (
    rows[0] ?? {
      address: personId ? `person-${personId}@local` : `${role}@${unit}.local`,
      locale: 'zh-CN',
    }
  );
}

export async function upsertDirectoryEntry(
  db: Queryable,
  input: z.input<typeof directoryEntrySchema>,
): Promise<void> {
  const entry = directoryEntrySchema.parse(input);
  await db.query(
    `INSERT INTO directory (role, unit, address, locale) VALUES ($1, $2, $3, $4)
     ON CONFLICT (role, unit) DO UPDATE SET address = EXCLUDED.address, locale = EXCLUDED.locale`,
    [entry.role, entry.unit, entry.address, entry.locale],
  );
}

// Mail shows names, never codes: the cadre a case notification is about, and the units its
// variables name. Looked up when the mail is written, in the database (names never enter Temporal).
import type { Queryable } from '../db';
import { personNames, unitNames } from '../store';

export interface MailNames {
  /** the name of the cadre the case is about, if any */
  cadreName: string | null;
  /** a unit code's name in a language, or undefined when the value is no unit */
  unit(code: string, locale: 'zh-CN' | 'en'): string | undefined;
}

const LOOKS_LIKE_UNIT = /^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)+$/;

export async function mailNames(
  db: Queryable,
  n: { caseId: string | null; vars: Record<string, unknown> },
): Promise<MailNames> {
  let cadreName: string | null = null;
  if (n.caseId !== null) {
    const rows = await db.query<{ cadre_id: string }>(
      'SELECT cadre_id FROM case_parties WHERE case_id = $1',
      [n.caseId],
    );
    const id = rows[0]?.cadre_id;
    if (id) cadreName = (await personNames(db, [id])).get(id) ?? null;
  }
  const codes = Object.values(n.vars).filter(
    (v): v is string => typeof v === 'string' && LOOKS_LIKE_UNIT.test(v),
  );
  const names: Map<string, { zh: string; en: string }> =
    codes.length > 0 ? await unitNames(db, codes) : new Map<string, { zh: string; en: string }>();
  return {
    cadreName,
    unit: (code, locale) => {
      const name = names.get(code);
      if (!name || (name.zh === code && name.en === code)) return undefined;
      return locale === 'en' ? name.en : name.zh;
    },
  };
}

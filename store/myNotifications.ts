// "My notifications": the outbox rows addressed to one user, with the delivered mail where there
// is one. A cadre reads what is addressed to their person (and, for mail written before 006, the
// cadre rows of their own cases); an officer reads their unit desks' rows for their role (and the
// unit head's and the unit's own). Nobody reads another person's mail.
import type { Queryable } from '../db';
import type { Viewer } from './scope';
import { toIso, toIsoOrNull, type Timestamp } from './time';

export interface MyNotificationRow {
  id: string;
  caseId: string | null;
  subject: string | null;
  template: string;
  vars: Record<string, unknown>;
  status: 'pending' | 'sent' | 'dead';
  createdAt: string;
  sentAt: string | null;
  mail: { to: string; locale: 'zh-CN' | 'en'; subject: string; body: string } | null;
}

function addressedTo(user: Viewer, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (user.role === 'cadre') {
    if (!user.personId) return 'false';
    const me = p(user.personId);
    return `(n.recipient_person_id = ${me} OR (n.recipient_person_id IS NULL AND n.recipient_role = 'cadre'
      AND n.case_id IN (SELECT case_id FROM case_parties WHERE cadre_id = ${me})))`;
  }
  if (user.role === 'auditor') return 'false';
  return `(n.recipient_person_id IS NULL AND n.recipient_unit = ANY(${p(user.units)}::text[])
    AND n.recipient_role IN (${p(user.role)}, 'unit_head', 'unit'))`;
}

export async function listMyNotifications(
  db: Queryable,
  user: Viewer,
  page: { limit: number; offset: number },
): Promise<{ items: MyNotificationRow[]; total: number; unread: number }> {
  const params: unknown[] = [];
  const where = addressedTo(user, params);
  const [counts] = await db.query<{ total: number; pending: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE n.status = 'pending')::int AS pending
       FROM notifications n WHERE ${where}`,
    params,
  );
  const rows = await db.query<{
    id: string;
    case_id: string | null;
    subject: string | null;
    template: string;
    vars: Record<string, unknown>;
    status: 'pending' | 'sent' | 'dead';
    created_at: Timestamp;
    sent_at: Timestamp | null;
    to_address: string | null;
    locale: 'zh-CN' | 'en' | null;
    mail_subject: string | null;
    body: string | null;
  }>(
    `SELECT n.id, n.case_id, n.subject, n.template, n.vars, n.status, n.created_at, n.sent_at,
            m.to_address, m.locale, m.subject AS mail_subject, m.body
       FROM notifications n LEFT JOIN mailbox m ON m.notification_id = n.id
      WHERE ${where}
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return {
    total: counts?.total ?? 0,
    unread: counts?.pending ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      subject: r.subject,
      template: r.template,
      vars: r.vars,
      status: r.status,
      createdAt: toIso(r.created_at),
      sentAt: toIsoOrNull(r.sent_at),
      mail:
        r.to_address !== null && r.mail_subject !== null
          ? { to: r.to_address, locale: r.locale ?? 'zh-CN', subject: r.mail_subject, body: r.body ?? '' }
          : null,
    })),
  };
}

// Seminars and exchanges (座谈会, migration 008): scheduled per round, invitees (persons and units),
// invitations through the outbox — one row per invitee with a deterministic id, so inviting twice
// sends nothing twice — attendance and minutes.
import type { Label } from '../contract';
import type { Db, Queryable } from '../db';
import { toIso, toIsoOrNull, type Timestamp } from './time';

export interface StoredSeminar {
  id: string;
  roundId: string | null;
  title: string;
  heldAt: string;
  place: string;
  orgUnit: string;
  minutes: string | null;
  minutesBy: string | null;
  minutesAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface SeminarInvitee {
  kind: 'person' | 'unit';
  ref: string;
  name: Label;
  attended: boolean | null;
}

interface SeminarRow {
  id: string;
  round_id: string | null;
  title: string;
  held_at: Timestamp;
  place: string;
  org_unit: string;
  minutes: string | null;
  minutes_by: string | null;
  minutes_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
}

const toSeminar = (r: SeminarRow): StoredSeminar => ({
  id: r.id,
  roundId: r.round_id,
  title: r.title,
  heldAt: toIso(r.held_at),
  place: r.place,
  orgUnit: r.org_unit,
  minutes: r.minutes,
  minutesBy: r.minutes_by,
  minutesAt: toIsoOrNull(r.minutes_at),
  createdBy: r.created_by,
  createdAt: toIso(r.created_at),
});

/** The subject of a seminar's notifications. */
export const seminarSubject = (id: string): string => `seminar:${id}`;

/**
 * Schedules a seminar and invites: the seminar, its invitees and one outbox row per invitee (a
 * person at their own address, a unit at its desk), in one transaction.
 */
export async function createSeminar(
  db: Db,
  s: Omit<StoredSeminar, 'minutes' | 'minutesBy' | 'minutesAt' | 'createdAt'>,
  invitees: { persons: string[]; units: string[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO seminars (id, round_id, title, held_at, place, org_unit, created_by, created_at)
       VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7, now())`,
      [s.id, s.roundId, s.title, s.heldAt, s.place, s.orgUnit, s.createdBy],
    );
    await invite(tx, s, invitees);
  });
}

async function invite(
  tx: Queryable,
  s: Pick<StoredSeminar, 'id' | 'title' | 'heldAt' | 'place'>,
  invitees: { persons: string[]; units: string[] },
) {
  const vars = JSON.stringify({ title: s.title, heldAt: s.heldAt, place: s.place });
  for (const personId of invitees.persons) {
    await tx.query(
      "INSERT INTO seminar_invitees (seminar_id, kind, ref) VALUES ($1, 'person', $2) ON CONFLICT DO NOTHING",
      [s.id, personId],
    );
    await tx.query(
      `INSERT INTO notifications (id, case_id, seq, subject, recipient_role, recipient_unit, recipient_person_id,
         template, vars, created_at)
       SELECT $1, NULL, NULL, $2, 'cadre', COALESCE(p.current_unit, ''), p.id, 'seminar.invited', $3::jsonb, now()
         FROM persons p WHERE p.id = $4
       ON CONFLICT (id) DO NOTHING`,
      [`${seminarSubject(s.id)}:person:${personId}`, seminarSubject(s.id), vars, personId],
    );
  }
  for (const unit of invitees.units) {
    await tx.query(
      "INSERT INTO seminar_invitees (seminar_id, kind, ref) VALUES ($1, 'unit', $2) ON CONFLICT DO NOTHING",
      [s.id, unit],
    );
    await tx.query(
      `INSERT INTO notifications (id, case_id, seq, subject, recipient_role, recipient_unit, template, vars, created_at)
       VALUES ($1, NULL, NULL, $2, 'unit', $3, 'seminar.invited', $4::jsonb, now())
       ON CONFLICT (id) DO NOTHING`,
      [`${seminarSubject(s.id)}:unit:${unit}`, seminarSubject(s.id), unit, vars],
    );
  }
}

/** More invitees for a scheduled seminar (each invited once). */
export async function inviteToSeminar(db: Db, id: string, invitees: { persons: string[]; units: string[] }) {
  const s = await getSeminar(db, id);
  if (!s) return false;
  await db.transaction((tx) => invite(tx, s, invitees));
  return true;
}

export async function getSeminar(db: Queryable, id: string): Promise<StoredSeminar | null> {
  const rows = await db.query<SeminarRow>('SELECT * FROM seminars WHERE id = $1', [id]);
  return rows[0] ? toSeminar(rows[0]) : null;
}

export async function listSeminars(db: Queryable, roundId: string): Promise<StoredSeminar[]> {
  const rows = await db.query<SeminarRow>('SELECT * FROM seminars WHERE round_id = $1 ORDER BY held_at, id', [
    roundId,
  ]);
  return rows.map(toSeminar);
}

export async function seminarInvitees(db: Queryable, id: string): Promise<SeminarInvitee[]> {
  const rows = await db.query<{
    kind: 'person' | 'unit';
    ref: string;
    attended: boolean | null;
    person_name: string | null;
    unit_zh: string | null;
    unit_en: string | null;
  }>(
    `SELECT i.kind, i.ref, i.attended, p.name AS person_name, u.name_zh AS unit_zh, u.name_en AS unit_en
       FROM seminar_invitees i
       LEFT JOIN persons p ON i.kind = 'person' AND p.id = i.ref
       LEFT JOIN units u ON i.kind = 'unit' AND u.code = i.ref
      WHERE i.seminar_id = $1 ORDER BY i.kind, i.ref`,
    [id],
  );
  return rows.map((r) => ({
    kind: r.kind,
    ref: r.ref,
    attended: r.attended,
    name:
      r.kind === 'person'
        ? { zh: r.person_name ?? r.ref, en: r.person_name ?? r.ref }
        : { zh: r.unit_zh ?? r.ref, en: r.unit_en ?? r.ref },
  }));
}

/** Records who attended; false when the invitee was not invited. */
export async function setAttendance(
  db: Queryable,
  id: string,
  invitee: { kind: 'person' | 'unit'; ref: string },
  attended: boolean,
): Promise<boolean> {
  const rows = await db.query(
    'UPDATE seminar_invitees SET attended = $4 WHERE seminar_id = $1 AND kind = $2 AND ref = $3 RETURNING ref',
    [id, invitee.kind, invitee.ref, attended],
  );
  return rows.length > 0;
}

export async function setMinutes(db: Queryable, id: string, minutes: string, by: string): Promise<void> {
  await db.query('UPDATE seminars SET minutes = $2, minutes_by = $3, minutes_at = now() WHERE id = $1', [
    id,
    minutes,
    by,
  ]);
}

/** The seminars a person was invited to, newest first, with their attendance. */
export async function seminarsOfPerson(
  db: Queryable,
  personId: string,
): Promise<
  {
    seminarId: string;
    title: string;
    heldAt: string;
    place: string;
    roundId: string | null;
    attended: boolean | null;
  }[]
> {
  const rows = await db.query<SeminarRow & { attended: boolean | null }>(
    `SELECT s.*, i.attended FROM seminar_invitees i JOIN seminars s ON s.id = i.seminar_id
      WHERE i.kind = 'person' AND i.ref = $1 ORDER BY s.held_at DESC`,
    [personId],
  );
  return rows.map((r) => ({
    seminarId: r.id,
    title: r.title,
    heldAt: toIso(r.held_at),
    place: r.place,
    roundId: r.round_id,
    attended: r.attended,
  }));
}

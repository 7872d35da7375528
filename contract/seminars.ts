// Seminars and exchanges (座谈会) of a round: schedule, invitees, attendance, minutes.
import { z } from 'zod';
import { labelSchema } from '../machines/secondment/projections';
import { unitCodeSchema } from '../machines/secondment/v2/roles';
import { personIdSchema } from './persons';
import { DOMAIN_YEARS, identifier, instantBetween, storableText } from './text';

export const inviteesSchema = z
  .object({
    persons: z.array(personIdSchema).max(500).default([]),
    units: z.array(unitCodeSchema).max(500).default([]),
  })
  .strict();

/** POST /api/rounds/:id/seminars */
export const newSeminarSchema = z
  .object({
    title: storableText(1, 200),
    heldAt: instantBetween(DOMAIN_YEARS.from, DOMAIN_YEARS.to),
    place: storableText(1, 200),
    invitees: inviteesSchema,
  })
  .strict();

export const seminarSchema = z.object({
  id: z.string(),
  roundId: z.string().nullable(),
  title: z.string(),
  heldAt: z.string(),
  place: z.string(),
  minutes: z.string().nullable(),
  minutesBy: z.string().nullable(),
  minutesAt: z.string().nullable(),
  invitees: z.array(
    z.object({
      kind: z.enum(['person', 'unit']),
      ref: z.string(),
      name: labelSchema,
      attended: z.boolean().nullable(),
    }),
  ),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Seminar = z.infer<typeof seminarSchema>;
export const seminarAnswerSchema = z.object({ seminar: seminarSchema });
export const seminarListSchema = z.object({ items: z.array(seminarSchema) });
export const seminarIdParamSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{3,64}$/) });

/** POST /api/seminars/:id/attendance */
export const attendanceBodySchema = z
  .object({ kind: z.enum(['person', 'unit']), ref: identifier(128), attended: z.boolean() })
  .strict();
/** POST /api/seminars/:id/minutes */
export const minutesBodySchema = z.object({ minutes: storableText(1, 20_000) }).strict();

// Who logs in, and the user administration of organization departments.
import { z } from 'zod';
import { unitCodeSchema } from '../machines/secondment';
import { identifier, isStorable, storableText, UNSTORABLE_MESSAGE } from './text';

/** The roles a person can log in with (the machine's `system` is not a user). */
export const USER_ROLES = [
  'org_admin',
  'sending_officer',
  'receiving_officer',
  'cadre',
  'united_front',
  'auditor',
] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

export const usernameSchema = identifier(64).regex(
  /^[A-Za-z0-9_.@-]{2,64}$/,
  'username: 2–64 letters, digits, _ . @ -',
);

/** Who is calling: the logged-in user, or the identity asserted by a trusted proxy. */
export const userSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: userRoleSchema,
  units: z.array(z.string()),
  /** a cadre account's person of the registry (干部库) */
  personId: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

/** A user as the user administration lists it, with names of units and person. */
export const userViewSchema = userSchema.extend({
  disabled: z.boolean(),
  unitNames: z.array(z.object({ zh: z.string(), en: z.string() })),
  personName: z.string().nullable(),
});
export type UserView = z.infer<typeof userViewSchema>;

export const newUserSchema = z
  .object({
    username: usernameSchema,
    displayName: storableText(1, 64),
    role: userRoleSchema,
    units: z.array(unitCodeSchema).max(100).default([]),
    /** a cadre account: the person of the registry it belongs to (in the admin's jurisdiction) */
    personId: identifier(128).optional(),
    password: storableText(10, 200),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'cadre' && !u.personId)
      ctx.addIssue({
        code: 'custom',
        path: ['personId'],
        message: 'a cadre user must be bound to a person of the registry',
      });
    if (u.role !== 'cadre' && u.personId)
      ctx.addIssue({ code: 'custom', path: ['personId'], message: 'only a cadre account has a person' });
    if (u.role !== 'cadre' && u.units.length === 0)
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'at least one unit code is required' });
  });
export type NewUser = z.input<typeof newUserSchema>;

export const usernameParamSchema = z.object({ username: usernameSchema });
export const usersAnswerSchema = z.object({ users: z.array(userViewSchema) });
export const userAnswerSchema = z.object({ user: userViewSchema });

export const loginBodySchema = z.object({
  username: identifier(64),
  password: z.string().min(1).max(200).refine(isStorable, { message: UNSTORABLE_MESSAGE }),
});
export const loginAnswerSchema = z.object({ user: userSchema, csrfToken: z.string(), expiresAt: z.string() });
export const meAnswerSchema = z.object({ user: userSchema, mode: z.enum(['local', 'proxy']) });
export const logoutAnswerSchema = z.object({ ok: z.literal(true) });

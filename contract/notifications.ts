// "My notifications" (我的通知): what the outbox holds for the caller, written as mail.
import { z } from 'zod';

export const myNotificationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const myNotificationSchema = z.object({
  id: z.string(),
  /** the case it is about, or null for a round's or a seminar's (see `about`) */
  caseId: z.string().nullable(),
  about: z.string().nullable(),
  template: z.string(),
  status: z.enum(['pending', 'sent', 'dead']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** the mail as delivered, or as it will read when delivered */
  subject: z.string(),
  body: z.string(),
  to: z.string().nullable(),
});
export type MyNotification = z.infer<typeof myNotificationSchema>;

/** GET /api/my/notifications */
export const myNotificationsSchema = z.object({
  items: z.array(myNotificationSchema),
  total: z.number().int(),
  /** not yet delivered */
  pending: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

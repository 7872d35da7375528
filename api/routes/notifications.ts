import { myNotificationsQuerySchema, myNotificationsSchema } from '../../contract';
import { listMyNotifications } from '../../store';
import { mailNames, renderNotification } from '../../notify';
import { callerOf } from '../auth/plugin';
import type { ApiContext } from '../context';
import { ERROR_RESPONSES } from '../errors';
import type { ZodApp } from './types';

/**
 * 我的通知 / my notifications: the outbox rows addressed to the caller — a cadre's to their person,
 * an officer's to their units' desks for their role — as the mail reads (delivered, or rendered as
 * it will be). Two cadres at one receiving unit never see each other's mail.
 */
export function notificationRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/my/notifications',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Notifications addressed to you (your person, or your units’ desks for your role), newest first',
        querystring: myNotificationsQuerySchema,
        response: { 200: myNotificationsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const { limit, offset } = request.query;
      const page = await listMyNotifications(ctx.db, user, { limit, offset });
      const items = await Promise.all(
        page.items.map(async (n) => {
          const mail =
            n.mail ??
            renderNotification(
              n.template,
              'zh-CN',
              n.vars,
              { caseId: n.caseId, subject: n.subject },
              await mailNames(ctx.db, { caseId: n.caseId, vars: n.vars }),
            );
          return {
            id: n.id,
            caseId: n.caseId,
            about: n.subject,
            template: n.template,
            status: n.status,
            createdAt: n.createdAt,
            sentAt: n.sentAt,
            subject: mail.subject,
            body: mail.body,
            to: n.mail?.to ?? null,
          };
        }),
      );
      return { items, total: page.total, pending: page.unread, limit, offset };
    },
  );
}

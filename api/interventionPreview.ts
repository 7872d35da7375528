// The preview of one intervention on one case: the stored state through the same pure machine the
// workflow runs (as the bulk dry run), with the notifications that step sends, by recipients' names.
import type { InterventionPreview } from '../contract';
import { eventLabels, MIGRATE_EVENT, migrateLabel, type EventType } from '../machines/secondment';
import { mailNames, renderNotification } from '../notify';
import { namedRecipients } from '../store';
import type { ApiUser } from './auth/users';
import type { ApiContext } from './context';
import { describeChange } from './describeChange';
import { actorFor, type CaseRef } from './scope';

export const interventionLabel = (type: string) =>
  type === MIGRATE_EVENT ? migrateLabel : (eventLabels[type as EventType] ?? null);

export async function previewIntervention(
  ctx: ApiContext,
  user: ApiUser,
  ref: CaseRef,
  type: string,
  payload: Record<string, unknown>,
): Promise<InterventionPreview> {
  const base = { caseId: ref.caseId, intervention: { type, label: interventionLabel(type) } };
  if (type === MIGRATE_EVENT) {
    const m = await ctx.cases.migrationPreview(ref.caseId);
    return {
      ...base,
      willChange: m !== null,
      refusal: m ? null : '不是第1版规则下运行的案件 / the case is not running on machine version 1',
      change: m
        ? `machine v1 → v2; ${m.changes.join('; ') || '状态与期限不变 / same state and due dates'}`
        : null,
      before: null,
      after: null,
      notifications: [],
      fourEyes: { required: false, source: 'a v1 case’s policy copy predates four eyes' },
    };
  }
  const [preview, terms] = await Promise.all([
    ctx.cases.preview(ref.caseId, type, { ...payload, actor: actorFor(user, ref) }),
    ctx.cases.fourEyesTerms(ref.caseId, type),
  ]);
  const fourEyes = { required: terms.required, source: terms.source };
  if (!preview.ok)
    return {
      ...base,
      willChange: false,
      refusal: preview.refusal,
      change: null,
      before: preview.before,
      after: null,
      notifications: [],
      fourEyes,
    };
  const notifications = await Promise.all(
    preview.notifications.map(async (n) => {
      const names = await mailNames(ctx.db, { caseId: ref.caseId, vars: n.vars });
      const mail = renderNotification(n.template, 'zh-CN', n.vars, { caseId: ref.caseId }, names);
      return {
        template: n.template,
        text: mail.subject,
        recipients: await namedRecipients(ctx.db, n.recipients),
      };
    }),
  );
  return {
    ...base,
    willChange: true,
    refusal: null,
    change: describeChange(preview.before, preview.after),
    before: preview.before,
    after: preview.after,
    notifications,
    fourEyes,
  };
}

import type { Db } from '../db';
import { applyTransition } from './apply-transition';
import {
  deliverNotifications,
  deliveryPolicySchema,
  type DeliverNotificationsInput,
  type DeliveryPolicy,
  type DeliveryReport,
} from './deliver-notifications';
import {
  getAuditTrail,
  getCase,
  getMailbox,
  getPersonnelFile,
  listCases,
  listDeadLetters,
  listNotifications,
  type CaseFilter,
} from './read-models';
import type { TransitionRecordInput, ApplyTransitionResult } from './transition-record';
import type { MailTransport } from './transports/mail-transport';
import { verifyAll, verifyChain } from './verify-chain';

export interface ActivityDeps {
  db: Db;
  transport: MailTransport;
  /** Clock for delivery timestamps and back-off (injectable for tests). */
  now?: () => Date;
  delivery?: Partial<DeliveryPolicy>;
}

/**
 * Temporal activities are plain async functions; a factory lets the worker inject the database
 * and the mail transport. Every function here may be registered with the worker.
 */
export function createActivities(deps: ActivityDeps) {
  const { db, transport } = deps;
  const now = deps.now ?? (() => new Date());
  const policy = deliveryPolicySchema.parse(deps.delivery ?? {});
  return {
    applyTransition: (input: TransitionRecordInput): Promise<ApplyTransitionResult> =>
      applyTransition(db, input),
    deliverNotifications: (input: DeliverNotificationsInput = {}): Promise<DeliveryReport> =>
      deliverNotifications({ db, transport, now, policy }, input),
    verifyChain: (caseId: string) => verifyChain(db, caseId),
    verifyAll: () => verifyAll(db),
    listCases: (filter: CaseFilter = {}) => listCases(db, filter),
    getCase: (caseId: string) => getCase(db, caseId),
    getAuditTrail: (caseId: string, sinceSeq?: number) => getAuditTrail(db, caseId, sinceSeq),
    getPersonnelFile: (caseId: string) => getPersonnelFile(db, caseId),
    getMailbox: (address?: string) => getMailbox(db, address),
    listNotifications: (caseId?: string) => listNotifications(db, caseId),
    listDeadLetters: (options?: { limit?: number; offset?: number }) => listDeadLetters(db, options),
  };
}

export type Activities = ReturnType<typeof createActivities>;

import type { CaseFilter } from '../../contract';
import type { Db } from '../../db';
import {
  getAuditTrail,
  getCase,
  getMailbox,
  getPersonnelFile,
  listCases,
  listDeadLetters,
  listNotifications,
  verifyAll,
  verifyChain,
} from '../../store';

/** The store's read models bound to one database, as the tests read what the worker wrote. */
export function storeReads(db: Db) {
  return {
    listCases: (filter: CaseFilter = {}) => listCases(db, filter),
    getCase: (caseId: string) => getCase(db, caseId),
    getAuditTrail: (caseId: string, sinceSeq?: number) => getAuditTrail(db, caseId, sinceSeq),
    getPersonnelFile: (caseId: string) => getPersonnelFile(db, caseId),
    getMailbox: (address?: string) => getMailbox(db, address),
    listNotifications: (caseId?: string) => listNotifications(db, caseId),
    listDeadLetters: (options?: { limit?: number; offset?: number }) => listDeadLetters(db, options),
    verifyChain: (caseId: string) => verifyChain(db, caseId),
    verifyAll: () => verifyAll(db),
  };
}
export type StoreReads = ReturnType<typeof storeReads>;

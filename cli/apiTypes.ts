// Shapes of the API answers the CLI reads, built from the types of the modules that produce them
// (type-only imports), so a changed answer shape fails `tsc` here rather than at a user's terminal.
import type { AuditEntry, CasePage, CaseSummary, PersonnelFileEntry } from '../activities/read-models';
import type { ChainVerification } from '../activities/verify-chain';
import type { CaseView, DutyView } from '../workflows/secondment/definitions';

export type { CasePage, CaseSummary, CaseView, ChainVerification };

/** GET /api/cases/:id */
export interface CaseDetail {
  caseId: string;
  summary: CaseSummary | null;
  status: string | null;
  statusLabel: { zh: string; en: string } | null;
  live: CaseView | null;
  liveError: string | null;
  openDuties: (DutyView & { escalationStep: string | null })[];
  auditTrail: AuditEntry[];
  personnelFile: PersonnelFileEntry[];
  allowedEvents: { type: string; label: { zh: string; en: string } | null; intervention: boolean }[];
  you: { role: string; unit: string };
}

/** POST /api/cases, /events/:type, /interventions/:type */
export interface CaseAnswer {
  case: CaseView;
}

/** POST /api/bulk with dryRun: true */
export interface BulkPlan {
  dryRun: true;
  intervention: { type: string; label: { zh: string; en: string } };
  matched: number;
  considered: number;
  truncated: boolean;
  willChange: number;
  items: {
    caseId: string;
    status: string | null;
    willChange: boolean;
    change: string | null;
    skipReason: string | null;
  }[];
}

/** GET /api/audit/verify */
export interface AuditVerification {
  ok: boolean;
  cases: number;
  entries: number;
  results: ChainVerification[];
}

/** GET /api/users, POST /api/users, POST /api/users/:username/disable */
export interface UserView {
  username: string;
  displayName: string;
  role: string;
  units: string[];
  cadreId: string | null;
  disabled: boolean;
}

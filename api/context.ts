import type {
  CaseOperations,
  Connection,
  DataConverter,
  ProposalClient,
  RoundClient,
  SecondmentClient,
} from '../client';
import type { KeyObject } from 'node:crypto';
import type { Db } from '../db';
import type { Logger, SecondmentMetrics, Tracing } from '../observability';
import type { AuthConfig } from './auth/config';
import type { LoginLimiter } from './auth/loginLimiter';

export interface ApiDeps {
  connection: Connection;
  namespace: string;
  taskQueue: string;
  /** the payload codec's converter (codec/): Update arguments and nominations travel encrypted */
  dataConverter: DataConverter;
  /** the same database the worker's activities write (projection, audit trail, users) */
  db: Db;
  auth?: Partial<AuthConfig>;
  /** base URL of the Temporal UI, for links from technical "stuck" entries */
  temporalUiUrl?: string;
  /** pending-activity attempt from which a case counts as technically stuck (default 3) */
  stuckActivityAttempts?: number;
  /** the process's JSON logger (observability/logger.ts); default off (tests) */
  logger?: Logger;
  /** HTTP and event counters land here; none when absent */
  metrics?: SecondmentMetrics;
  /** server spans, and the Temporal client's interceptors (trace context into the Update) */
  tracing?: Tracing;
  /** signs audit exports (Ed25519, config/auditSigningKey.ts); default: a key made up for this process */
  auditSigningKey?: KeyObject;
  /** longest wait for an event's answer while the database answers (default 60 s, updateWait.ts) */
  eventAnswerWithinMs?: number;
}

/** What every route handler needs; its own file, so routes and server do not import each other. */
export interface ApiContext {
  db: Db;
  /** the workflow client, reading from `db` */
  cases: SecondmentClient;
  /** the round workflows' client, judging on the stored round state */
  rounds: RoundClient;
  /** four-eyes proposals' durable duties (their escalation ladder) */
  proposals: ProposalClient;
  /** Temporal's own view of cases: health, technical problems, activity retry */
  ops: CaseOperations;
  namespace: string;
  taskQueue: string;
  auth: AuthConfig;
  loginLimiter: LoginLimiter;
  auditSigningKey: KeyObject;
  metrics?: SecondmentMetrics | undefined;
  eventAnswerWithinMs?: number | undefined;
}

// The one error table. A refusal starts in the machine (a refusal code), crosses Temporal as an
// ApplicationFailure (a failure type, the refusal in `details`), reaches the client (a client error
// code), the API (an error code and an HTTP status) and the CLI (an exit code). Every step reads
// its mapping from here, so no list of codes is kept anywhere else.
import { z } from 'zod';
import type { RefusalCode, RuleId } from '../machines/secondment';

/** Exit codes of the `secondment` CLI (cli/README.md). Part of its contract: never renumber one, only add. */
export const EXIT = {
  OK: 0,
  /** anything unexpected: a bug, a 500, an answer that is not the API's */
  UNEXPECTED: 1,
  /** unknown command or flag, missing argument, bad JSON, invalid input (also the API's 400s) */
  USAGE: 2,
  /** not logged in, session expired, wrong password, CSRF refused, forbidden for your role */
  AUTH: 3,
  /** no such case or user, or outside your scope (the API does not tell them apart) */
  NOT_FOUND: 4,
  /** refused by the lifecycle rules, or a conflict (409: case/user exists, nothing to retry) */
  REFUSED: 5,
  /** the API is unreachable, Temporal or the database is unavailable (503), or too many requests (429): retry later */
  UNAVAILABLE: 6,
  /** bulk --execute ran, and at least one case failed */
  BULK_PARTIAL: 7,
  /** audit verify found a broken hash chain */
  AUDIT_BROKEN: 8,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

interface ErrorSpec {
  status: number;
  exit: ExitCode;
  meaning: string;
}

/**
 * Stable error codes of the HTTP API. Clients (console, CLI, scripts) branch on `code`; `message`
 * is for people (zh / en); `field` names the offending input, `rule` the lifecycle rule.
 */
export const API_ERRORS = {
  INVALID_INPUT: {
    status: 400,
    exit: EXIT.USAGE,
    meaning: 'a body, query or path value failed validation (field named)',
  },
  UNKNOWN_EVENT: { status: 400, exit: EXIT.USAGE, meaning: 'no such business event / intervention type' },
  UNAUTHENTICATED: { status: 401, exit: EXIT.AUTH, meaning: 'no or expired session, bad credentials' },
  CSRF_REFUSED: {
    status: 403,
    exit: EXIT.AUTH,
    meaning: "state-changing request without the session's x-csrf-token",
  },
  FORBIDDEN: {
    status: 403,
    exit: EXIT.AUTH,
    meaning: "the caller's role may not do this (never used to hide existence)",
  },
  NOT_FOUND: {
    status: 404,
    exit: EXIT.NOT_FOUND,
    meaning: "no such resource, or outside the caller's scope",
  },
  CASE_EXISTS: { status: 409, exit: EXIT.REFUSED, meaning: 'nomination with an existing case id' },
  USER_EXISTS: { status: 409, exit: EXIT.REFUSED, meaning: "a new user's username is taken" },
  UNIT_EXISTS: { status: 409, exit: EXIT.REFUSED, meaning: "a new unit's code is taken" },
  ROUND_EXISTS: { status: 409, exit: EXIT.REFUSED, meaning: "a new round's id is taken" },
  QUOTA_EXCEEDED: {
    status: 409,
    exit: EXIT.REFUSED,
    meaning: "the decision board would assign more than the unit's allocation (rule approval.quota)",
  },
  EVENT_REFUSED: {
    status: 409,
    exit: EXIT.REFUSED,
    meaning: 'the lifecycle machine refused the event (rule named)',
  },
  CASE_NOT_ANSWERING: {
    status: 504,
    exit: EXIT.UNAVAILABLE,
    meaning:
      'the case did not answer in time: its activity or workflow task keeps failing (the reason is given); the event may still be applied once it recovers, so look at the case before sending it again',
  },
  FOUR_EYES_REQUIRED: {
    status: 409,
    exit: EXIT.REFUSED,
    meaning: 'the policy needs a second org admin for this intervention: propose it (rule fourEyes.required)',
  },
  PROPOSAL_DECIDED: {
    status: 409,
    exit: EXIT.REFUSED,
    meaning: 'the proposal was already approved or rejected',
  },
  DOCUMENT_INCOMPLETE: {
    status: 409,
    exit: EXIT.REFUSED,
    meaning: 'the document lacks data the process has not produced yet (missing items listed)',
  },
  NOTHING_TO_RETRY: {
    status: 409,
    exit: EXIT.REFUSED,
    meaning: 'retry asked for a case with no failing activity',
  },
  PAYLOAD_TOO_LARGE: { status: 413, exit: EXIT.USAGE, meaning: 'the request body is over 1 MB' },
  RATE_LIMITED: { status: 429, exit: EXIT.UNAVAILABLE, meaning: 'too many failed logins / requests' },
  TEMPORAL_UNAVAILABLE: {
    status: 503,
    exit: EXIT.UNAVAILABLE,
    meaning: 'the workflow service did not answer',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    exit: EXIT.UNAVAILABLE,
    meaning: 'the database did not answer (down or restarting); retry after the Retry-After seconds',
  },
  INTERNAL: { status: 500, exit: EXIT.UNEXPECTED, meaning: 'anything else; details only in the server log' },
} as const satisfies Record<string, ErrorSpec>;
export type ErrorCode = keyof typeof API_ERRORS;
export const ERROR_CODES = Object.keys(API_ERRORS) as [ErrorCode, ...ErrorCode[]];

/** Codes the CLI reports without an API answer behind them. */
export const CLI_ERRORS = {
  USAGE: EXIT.USAGE,
  NOT_LOGGED_IN: EXIT.AUTH,
  API_UNREACHABLE: EXIT.UNAVAILABLE,
  BAD_RESPONSE: EXIT.UNEXPECTED,
  INTERNAL: EXIT.UNEXPECTED,
} as const satisfies Record<string, ExitCode>;
export type CliErrorCode = keyof typeof CLI_ERRORS;

/** Machine refusal codes: a refusal about who acts is FORBIDDEN, about what or when EVENT_REFUSED. */
export const REFUSAL_ERRORS = {
  INVALID_EVENT: 'INVALID_INPUT',
  CASE_CLOSED: 'EVENT_REFUSED',
  NOT_IN_STATE: 'EVENT_REFUSED',
  TIME_ORDER: 'EVENT_REFUSED',
  READ_ONLY: 'FORBIDDEN',
  ROLE_FORBIDDEN: 'FORBIDDEN',
  WRONG_UNIT: 'FORBIDDEN',
  ON_BEHALF_FORBIDDEN: 'FORBIDDEN',
  UNKNOWN_DUTY: 'EVENT_REFUSED',
  STALE_ALARM: 'EVENT_REFUSED',
  RULE_VIOLATION: 'EVENT_REFUSED',
} as const satisfies Record<RefusalCode, ErrorCode>;

/**
 * `type`s of the ApplicationFailures thrown across Temporal: by the Update validator and handler
 * (InvalidInput, EventRefused: the refusal in `details[0]`) and by the applyTransition activity
 * (InvalidInput, TransitionConflict, SequenceGap). The names are in recorded histories (the
 * activity's non-retryable types): never rename one.
 */
export const FailureType = {
  InvalidInput: 'InvalidInput',
  EventRefused: 'EventRefused',
  TransitionConflict: 'TransitionConflict',
  SequenceGap: 'SequenceGap',
  /** The database refused a value (a data exception, SQLSTATE class 22): retrying cannot store it. */
  UnstorableInput: 'UnstorableInput',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Activity failures that retrying cannot fix (bad input, non-determinism). */
export const NON_RETRYABLE_ACTIVITY_FAILURES: string[] = [
  FailureType.InvalidInput,
  FailureType.TransitionConflict,
  FailureType.UnstorableInput,
];

/** Error codes of the workflow client (client/secondmentClient.ts), and the API code each becomes. */
export const CLIENT_ERRORS = {
  INVALID_INPUT: 'INVALID_INPUT',
  EVENT_REFUSED: 'EVENT_REFUSED',
  UNKNOWN_EVENT: 'UNKNOWN_EVENT',
  CASE_EXISTS: 'CASE_EXISTS',
  NOT_READY: 'TEMPORAL_UNAVAILABLE',
  NOT_FOUND: 'NOT_FOUND',
} as const satisfies Record<string, ErrorCode>;
export type ClientErrorCode = keyof typeof CLIENT_ERRORS;

/** What an Update failure of each type is to the client. */
export const FAILURE_CLIENT_ERRORS: Partial<Record<FailureType, ClientErrorCode>> = {
  [FailureType.InvalidInput]: 'INVALID_INPUT',
  [FailureType.EventRefused]: 'EVENT_REFUSED',
  // The database refused the event's values: bad input the schemas did not catch (400, with why).
  [FailureType.UnstorableInput]: 'INVALID_INPUT',
};

const labelSchema = z.object({ zh: z.string(), en: z.string() });

/**
 * A refusal as data: what the machine refused (or which field failed its schema: code
 * INVALID_EVENT, rule event.schema), the bilingual message, and the field where there is one. It is
 * the `details[0]` of the Update's ApplicationFailure and what the client hands the API.
 */
export const refusalSchema = z.object({
  code: z.string(),
  rule: z.string(),
  message: labelSchema,
  field: z.string().optional(),
});
export interface Refusal {
  code: RefusalCode;
  /** a rule id of the machine version that refused (v1 cases keep v1's rules until migrated) */
  rule: RuleId | (string & {});
  message: { zh: string; en: string };
  field?: string;
}

/** The API code of a client error; a refusal's own code decides between FORBIDDEN and EVENT_REFUSED. */
export function apiCodeOf(code: ClientErrorCode, refusal?: Pick<Refusal, 'code'>): ErrorCode {
  if (code === 'EVENT_REFUSED' && refusal) return REFUSAL_ERRORS[refusal.code];
  return CLIENT_ERRORS[code];
}

/** The HTTP status of an API error code. */
export const httpStatusOf = (code: ErrorCode): number => API_ERRORS[code].status;

/** The CLI exit code for an error code (the API's or the CLI's own); unknown codes go by HTTP status. */
export function exitCodeOf(code: string, httpStatus: number): ExitCode {
  if (Object.hasOwn(API_ERRORS, code)) return API_ERRORS[code as ErrorCode].exit;
  if (Object.hasOwn(CLI_ERRORS, code)) return CLI_ERRORS[code as CliErrorCode];
  if (httpStatus === 400) return EXIT.USAGE;
  if (httpStatus === 401 || httpStatus === 403) return EXIT.AUTH;
  if (httpStatus === 404) return EXIT.NOT_FOUND;
  if (httpStatus === 409) return EXIT.REFUSED;
  if ([429, 502, 503, 504].includes(httpStatus)) return EXIT.UNAVAILABLE;
  return EXIT.UNEXPECTED;
}

/** Every error answer of the API: `{ error: { code, message, field?, rule? } }`, never a stack trace. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
    rule: z.string().optional(),
    /** DOCUMENT_INCOMPLETE: what the document still lacks, each with its input field and words */
    missing: z.array(z.object({ field: z.string(), zh: z.string(), en: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

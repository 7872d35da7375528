/*
 * The console's only way to the server: same-origin fetch with the session cookie, and the CSRF
 * token echoed in `x-csrf-token` on every state-changing request (double submit: the token comes
 * from the login response or the readable `secondment_csrf` cookie after a reload).
 */

// The answers' shapes are the contract's (type-only imports: nothing of zod reaches the bundle).
import type { EventMeta as ContractEventMeta, OpenDuty } from '../../contract';

export type {
  AuditEntry,
  BulkPlan as BulkPreview,
  CaseDetail,
  CaseDocuments,
  CasePage,
  CaseSummary,
  CalendarList,
  CalendarLoadAnswer,
  DutyView,
  InterventionPreview,
  Proposal,
  Label,
  MigrationAnswer,
  MyDuty,
  PersonnelFileEntry,
  Stats,
  StuckList,
  User,
  Vocabulary,
} from '../../contract';

/** An open duty with the escalation step it has reached. */
export type Duty = OpenDuty;

/** A JSON schema as z.toJSONSchema writes the event payloads (the subset the form renderer reads). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: (string | number | boolean)[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  description?: string;
  title?: string;
}

/** An event type with its payload schema, read as the form renderer reads JSON schemas. */
export type EventMeta = Omit<ContractEventMeta, 'schema'> & { schema: JsonSchema };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (expired, logged out elsewhere). */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

function csrf(): string {
  if (csrfToken) return csrfToken;
  const m = /(?:^|;\s*)secondment_csrf=([^;]*)/.exec(document.cookie);
  return m?.[1] ? decodeURIComponent(m[1]) : '';
}

export async function request<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') headers['x-csrf-token'] = csrf();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', `网络错误 / network error: ${(err as Error).message}`);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // a proxy's HTML error page: reported below with the status
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; field?: string; rule?: string } } | null)
      ?.error;
    const err = new ApiError(
      res.status,
      e?.code ?? 'HTTP_' + res.status,
      e?.message ?? `HTTP ${res.status}`,
      e?.field,
      e?.rule,
    );
    if (res.status === 401 && !url.startsWith('/api/auth/login')) onUnauthenticated?.();
    throw err;
  }
  return json as T;
}

export const get = <T>(url: string): Promise<T> => request<T>('GET', url);
export const post = <T>(url: string, body?: unknown): Promise<T> => request<T>('POST', url, body ?? {});

export const qs = (
  params: Record<string, string | number | boolean | string[] | undefined | null>,
): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const x of v) p.append(k, x);
    else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
};

let metaCache: Promise<Map<string, EventMeta>> | null = null;

/** Event labels and payload schemas (GET /api/meta/events), fetched once per page load. */
export function eventMeta(): Promise<Map<string, EventMeta>> {
  metaCache ??= get<{ events: EventMeta[] }>('/api/meta/events').then(
    (r) => new Map(r.events.map((e) => [e.type, e])),
  );
  metaCache.catch(() => {
    metaCache = null;
  });
  return metaCache;
}

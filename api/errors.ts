import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Stable error codes of the HTTP API. Clients (console, CLI, scripts) branch on `code`; `message`
 * is for people (zh / en); `field` names the offending input where there is one.
 */
export const ERROR_CODES = [
  'INVALID_INPUT', // 400: a body, query or path value failed validation (field named)
  'UNKNOWN_EVENT', // 400: no such business event / intervention type
  'UNAUTHENTICATED', // 401: no or expired session, bad credentials
  'CSRF_REFUSED', // 403: state-changing request without the session's x-csrf-token
  'FORBIDDEN', // 403: the caller's role may not do this (never used to hide existence)
  'NOT_FOUND', // 404: no such resource, or outside the caller's scope
  'CASE_EXISTS', // 409: nomination with an existing case id
  'USER_EXISTS', // 409: a new user's username is taken
  'EVENT_REFUSED', // 409: the lifecycle machine refused the event (rule named in the message)
  'NOTHING_TO_RETRY', // 409: retry asked for a case with no failing activity
  'RATE_LIMITED', // 429: too many failed logins / requests
  'TEMPORAL_UNAVAILABLE', // 503: the workflow service did not answer
  'INTERNAL', // 500: anything else; details only in the server log
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNKNOWN_EVENT: 400,
  UNAUTHENTICATED: 401,
  CSRF_REFUSED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CASE_EXISTS: 409,
  USER_EXISTS: 409,
  EVENT_REFUSED: 409,
  NOTHING_TO_RETRY: 409,
  RATE_LIMITED: 429,
  TEMPORAL_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
    rule: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; rule?: string } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = STATUS[code];
  }
  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export const notFound = (what = 'case'): ApiError => new ApiError('NOT_FOUND', `未找到 / ${what} not found`);

/** A zod error as an INVALID_INPUT ApiError naming the first offending field. */
export function invalidInput(error: z.ZodError, prefix = ''): ApiError {
  const pathOf = (i: z.core.$ZodIssue) =>
    [prefix, ...i.path.map(String), ...(i.code === 'unrecognized_keys' ? i.keys.slice(0, 1) : [])]
      .filter(Boolean)
      .join('.');
  const first = error.issues[0];
  const field = first ? pathOf(first) || undefined : undefined;
  const message = error.issues
    .slice(0, 5)
    .map((i) => `${pathOf(i) || '(body)'}: ${i.message}`)
    .join('; ');
  return new ApiError('INVALID_INPUT', `参数无效 / invalid input: ${message}`, field ? { field } : {});
}

/** One error shape for everything; never a stack trace to the client. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .send(
        new ApiError('NOT_FOUND', `未找到 / no route ${request.method} ${request.url.split('?')[0]}`).body(),
      );
  });
  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      if (err.code === 'RATE_LIMITED') void reply.header('retry-after', '60');
      return reply.code(err.statusCode).send(err.body());
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const issues = err.validation.map((v) => {
        const keys = (v.params as { keys?: unknown }).keys;
        const extraKey =
          v.keyword === 'unrecognized_keys' && Array.isArray(keys) ? String(keys[0] ?? '') : '';
        const path = [v.instancePath.replace(/^\//, '').replace(/\//g, '.'), extraKey]
          .filter(Boolean)
          .join('.');
        return { field: [where, path].filter(Boolean).join('.'), message: v.message ?? 'invalid' };
      });
      const first = issues[0];
      return reply
        .code(400)
        .send(
          new ApiError(
            'INVALID_INPUT',
            `参数无效 / invalid input: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
            first ? { field: first.field } : {},
          ).body(),
        );
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status === 429) {
      return reply.code(429).send(new ApiError('RATE_LIMITED', '请求过于频繁 / too many requests').body());
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large …
      const message =
        err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported content type: send application/json'
          : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'empty JSON body'
            : err.code?.startsWith('FST_ERR_CTP')
              ? 'body is not valid JSON'
              : 'malformed request';
      return reply.code(status === 404 ? 404 : 400).send(
        new ApiError(status === 404 ? 'NOT_FOUND' : 'INVALID_INPUT', `请求无效 / ${message}`, {
          field: 'body',
        }).body(),
      );
    }
    if (isUnavailable(err)) {
      request.log.warn({ err }, 'temporal unavailable');
      return reply
        .code(503)
        .send(
          new ApiError(
            'TEMPORAL_UNAVAILABLE',
            '工作流服务不可达 / the workflow service is unavailable',
          ).body(),
        );
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(new ApiError('INTERNAL', '内部错误 / internal error').body());
  });
}

function isUnavailable(err: unknown): boolean {
  const e = err as { name?: string; code?: number };
  return e?.name === 'ServiceError' || e?.code === 14;
}

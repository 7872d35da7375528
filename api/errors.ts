import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { isTemporalUnavailable, SecondmentError } from '../client';
import { isDatabaseUnavailable } from '../db';
import { apiCodeOf, errorBodySchema, httpStatusOf, type ErrorBody, type ErrorCode } from '../contract';

export { errorBodySchema, type ErrorBody, type ErrorCode };

/** The error answers every route may give, declared so OpenAPI documents them. */
export const ERROR_RESPONSES = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  429: errorBodySchema,
  500: errorBodySchema,
  503: errorBodySchema,
  504: errorBodySchema,
} as const;

/** Seconds a caller should wait after 503 DATABASE_UNAVAILABLE: a restart takes a few seconds. */
export const DATABASE_RETRY_AFTER_S = 5;

export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      field?: string;
      rule?: string;
      missing?: { field: string; zh: string; en: string }[];
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = httpStatusOf(code);
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

/**
 * A client error as the API's: the code from the one mapping (contract/errors.ts), the message as
 * it came, the field and rule from the refusal the workflow sent. Anything else passes through.
 */
export function fromClientError(err: unknown): unknown {
  if (!(err instanceof SecondmentError)) return err;
  const code = apiCodeOf(err.code, err.refusal);
  const field =
    err.field ?? (err.code === 'UNKNOWN_EVENT' ? 'type' : err.code === 'CASE_EXISTS' ? 'caseId' : undefined);
  const rule = code === 'INVALID_INPUT' ? undefined : err.refusal?.rule;
  return new ApiError(code, err.message, { ...(field ? { field } : {}), ...(rule ? { rule } : {}) });
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
      if (err.code === 'DATABASE_UNAVAILABLE')
        void reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
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
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(
        new ApiError('PAYLOAD_TOO_LARGE', '请求体过大（上限 1 MB）/ request body too large (limit 1 MB)', {
          field: 'body',
        }).body(),
      );
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
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_S))
        .send(
          new ApiError(
            'DATABASE_UNAVAILABLE',
            '数据库暂不可用，请稍后重试 / the database is unavailable; retry shortly',
          ).body(),
        );
    }
    if (isTemporalUnavailable(err)) {
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

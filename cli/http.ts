import { z } from 'zod';
import { errorBodySchema } from '../contract/errors';
import { CliError } from './errors';
import { EXIT, exitCodeOf } from './exitCodes';
import type { StoredSession } from './session';

// The bulk endpoint plans up to 200 cases in one request; give it time, but never hang forever.
const REQUEST_TIMEOUT_MS = 120_000;

/** The API's error body, reading any code (a newer API may have more than this CLI knows). */
const apiErrorSchema = z.object({ error: errorBodySchema.shape.error.extend({ code: z.string() }) });

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface ApiResponse<T> {
  status: number;
  body: T;
  setCookies: string[];
}

/** The admin API over HTTP, carrying the saved session's cookie and CSRF token. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly session: StoredSession | null,
  ) {}

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.request<T>('GET', path, { query }).then((r) => r.body);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body }).then((r) => r.body);
  }

  /** A file the API answers with (CSV, XLSX): its bytes, type and suggested name. */
  async download(path: string): Promise<{
    bytes: Buffer;
    contentType: string;
    fileName: string | null;
    /** the RFC 5987 `filename*` (a Chinese name), when the API gives one */
    fileNameUtf8: string | null;
    headers: Headers;
  }> {
    const headers: Record<string, string> = {};
    if (this.session) headers.cookie = this.session.cookie;
    let res: Response;
    try {
      res = await fetch(this.baseUrl + path, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (err) {
      throw unreachable(this.baseUrl, err);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    if (!res.ok) {
      const text = bytes.toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      throw this.failure(res.status, body, text);
    }
    const disposition = res.headers.get('content-disposition') ?? '';
    return {
      bytes,
      contentType: res.headers.get('content-type') ?? '',
      fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null,
      fileNameUtf8: utf8FileName(disposition),
      headers: res.headers,
    };
  }

  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    opts: { query?: Query; body?: unknown } = {},
  ): Promise<ApiResponse<T>> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(opts.query ?? {})) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (this.session) {
      headers.cookie = this.session.cookie;
      if (method === 'POST') headers['x-csrf-token'] = this.session.csrfToken;
    }

    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw unreachable(this.baseUrl, err);
    }
    const text = await res.text().catch((err: unknown) => {
      throw unreachable(this.baseUrl, err);
    });
    let body: unknown;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (res.ok && body !== undefined)
      return { status: res.status, body: body as T, setCookies: res.headers.getSetCookie() };
    throw this.failure(res.status, body, text);
  }

  private failure(status: number, body: unknown, text: string): CliError {
    const parsed = apiErrorSchema.safeParse(body);
    if (!parsed.success) {
      const exit = exitCodeOf('', status);
      return new CliError(
        exit === EXIT.UNAVAILABLE ? 'API_UNREACHABLE' : 'BAD_RESPONSE',
        `API 的回答无法识别 / unexpected answer from ${this.baseUrl} (HTTP ${status}): ${text.slice(0, 200)}`,
        exit,
      );
    }
    const { code, message, field, rule, missing } = parsed.data.error;
    const extra = { ...(field ? { field } : {}), ...(rule ? { rule } : {}), ...(missing ? { missing } : {}) };
    if (code === 'UNAUTHENTICATED' && this.session) {
      return new CliError(
        code,
        `会话已过期或已失效，请重新登录 / session expired or ended: run \`secondment login\` (${message})`,
        EXIT.AUTH,
        extra,
      );
    }
    return new CliError(code, message, exitCodeOf(code, status), extra);
  }
}

function unreachable(baseUrl: string, err: unknown): CliError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const why =
    e?.name === 'TimeoutError'
      ? `${REQUEST_TIMEOUT_MS / 1000} s 内无应答 / no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
      : (e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err));
  return new CliError(
    'API_UNREACHABLE',
    `无法连接 API / cannot reach the API at ${baseUrl}: ${why}`,
    EXIT.UNAVAILABLE,
  );
}

/** `filename*=UTF-8''…` of a Content-Disposition (RFC 5987), decoded; null when absent or malformed. */
function utf8FileName(disposition: string): string | null {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (!encoded) return null;
  try {
    return decodeURIComponent(encoded.trim());
  } catch {
    return null;
  }
}

import type { FastifyReply, FastifyRequest } from 'fastify';

/*
 * The two cookies this API sets, read and written by hand. @fastify/cookie 11 loads the `cookie`
 * package with a dynamic import(), which jest's CommonJS runtime cannot execute; two cookies with
 * base64url values do not need a library.
 */

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw.replace(/^"(.*)"$/, '$1'));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  /** null: expire now (clear) */
  expires: Date | null;
}

export function setCookie(reply: FastifyReply, name: string, value: string, opts: CookieOptions): void {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'SameSite=Strict',
    `Expires=${(opts.expires ?? new Date(0)).toUTCString()}`,
  ];
  if (opts.expires === null) parts.push('Max-Age=0');
  if (opts.httpOnly) parts.push('HttpOnly');
  if (opts.secure) parts.push('Secure');
  // Fastify appends to an existing set-cookie header by itself; re-sending the earlier ones set
  // the session cookie twice (issue 12).
  void reply.header('set-cookie', parts.join('; '));
}

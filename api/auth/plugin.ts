import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { unitCodeSchema } from '../../machines/secondment';
import type { Db } from '../../db';
import { identifier } from '../../contract/text';
import { ApiError } from '../errors';
import type { AuthConfig } from './config';
import { readCookie } from './cookies';
import { readSession } from './sessions';
import { userRoleSchema, usernameSchema, type ApiUser } from './users';

export const SESSION_COOKIE = 'secondment_session';
export const CSRF_COOKIE = 'secondment_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** set by the auth hook on every non-public route */
    user: ApiUser | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** routes reachable without identity (health, docs, login) */
    public?: boolean;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const proxyIdentitySchema = z.object({
  'x-secondment-user': usernameSchema,
  'x-secondment-role': userRoleSchema,
  'x-secondment-units': z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(unitCodeSchema).max(100)),
  /** a cadre's person id in the registry (x-secondment-cadre: the header's name before it) */
  'x-secondment-person': identifier(128).optional(),
  'x-secondment-cadre': identifier(128).optional(),
});

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The identity of the caller of a protected route; throws if there is none (never for public routes). */
export function callerOf(request: FastifyRequest): ApiUser {
  if (!request.user) throw new ApiError('UNAUTHENTICATED', '请先登录 / log in first');
  return request.user;
}

/**
 * Authenticates every non-public route and enforces CSRF on every state-changing one:
 * - local mode: the session cookie names a server-side session; a POST/PUT/PATCH/DELETE must carry
 *   that session's token in `x-csrf-token` (the console reads it from the non-HttpOnly CSRF cookie).
 * - proxy mode: identity headers are taken only from a trusted proxy's address; since there is no
 *   session to bind a token to, a state-changing request must still carry a non-empty
 *   `x-csrf-token` header, which a cross-site form or image cannot set (no CORS is enabled).
 */
export function installAuth(app: FastifyInstance, db: Db, config: AuthConfig): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (request.routeOptions.config?.public || !url) return;
    const stateChanging = STATE_CHANGING.has(request.method);
    const csrfHeader = request.headers[CSRF_HEADER];
    const presented = typeof csrfHeader === 'string' ? csrfHeader : '';

    if (config.mode === 'proxy') {
      const peer = request.socket.remoteAddress ?? '';
      if (!config.trustedProxies.includes(peer)) {
        throw new ApiError(
          'UNAUTHENTICATED',
          '身份须由受信任的代理提供 / identity must come from a trusted proxy',
        );
      }
      const parsed = proxyIdentitySchema.safeParse(request.headers);
      if (!parsed.success) {
        throw new ApiError('UNAUTHENTICATED', '代理未提供有效身份 / the proxy sent no valid identity');
      }
      const h = parsed.data;
      const personId = h['x-secondment-person'] ?? h['x-secondment-cadre'] ?? null;
      if (h['x-secondment-role'] === 'cadre' ? !personId : h['x-secondment-units'].length === 0) {
        throw new ApiError(
          'UNAUTHENTICATED',
          '代理身份缺少单位或干部编号 / proxy identity lacks units or person id',
        );
      }
      if (stateChanging && presented === '') {
        throw new ApiError('CSRF_REFUSED', `缺少 ${CSRF_HEADER} 请求头 / missing ${CSRF_HEADER} header`);
      }
      request.user = {
        username: h['x-secondment-user'],
        displayName: h['x-secondment-user'],
        role: h['x-secondment-role'],
        units: h['x-secondment-units'],
        personId: h['x-secondment-role'] === 'cadre' ? personId : null,
      };
      return;
    }

    const token = readCookie(request, SESSION_COOKIE);
    const session = token ? await readSession(db, token) : null;
    if (!session || !token)
      throw new ApiError('UNAUTHENTICATED', '未登录或会话已过期 / not logged in or session expired');
    if (stateChanging && (presented === '' || !sameToken(presented, session.csrfToken))) {
      throw new ApiError(
        'CSRF_REFUSED',
        `CSRF 校验失败：${CSRF_HEADER} 须与会话令牌一致 / CSRF check failed: ${CSRF_HEADER} must match the session token`,
      );
    }
    request.user = session.user;
    request.sessionToken = token;
  });
}

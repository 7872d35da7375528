import { loginAnswerSchema, loginBodySchema, logoutAnswerSchema, meAnswerSchema } from '../../contract';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES } from '../errors';
import { callerOf, CSRF_COOKIE, SESSION_COOKIE } from '../auth/plugin';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords';
import { setCookie } from '../auth/cookies';
import { closeSession, openSession } from '../auth/sessions';
import { findUserWithHash } from '../auth/users';
import type { ZodApp } from './types';

export function authRoutes(r: ZodApp, ctx: ApiContext): void {
  const secure = ctx.auth.secureCookies;

  r.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Log in (local users): sets the HttpOnly session cookie, returns the CSRF token',
        security: [],
        body: loginBodySchema,
        response: { 200: loginAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      if (ctx.auth.mode !== 'local') {
        throw new ApiError(
          'FORBIDDEN',
          '本部署由代理认证，不提供登录 / login is disabled: identity comes from the proxy',
        );
      }
      const { username, password } = request.body;
      const ip = request.ip;
      if (ctx.loginLimiter.blocked(username, ip)) {
        throw new ApiError(
          'RATE_LIMITED',
          '登录失败次数过多，请稍后再试 / too many failed logins, try again later',
        );
      }
      const found = await findUserWithHash(ctx.db, username);
      // Same work for unknown users, so response time does not reveal which usernames exist.
      const ok = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
      if (!found || !ok || found.disabled) {
        ctx.loginLimiter.fail(username, ip);
        throw new ApiError('UNAUTHENTICATED', '用户名或密码错误 / wrong username or password');
      }
      ctx.loginLimiter.succeed(username, ip);
      const session = await openSession(ctx.db, found.user.username, ctx.auth.sessionTtlMs);
      const expires = new Date(session.expiresAt);
      setCookie(reply, SESSION_COOKIE, session.token, { httpOnly: true, secure, expires });
      // Readable by the console's script, which echoes it in x-csrf-token (double submit).
      setCookie(reply, CSRF_COOKIE, session.csrfToken, { httpOnly: false, secure, expires });
      return { user: found.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the session',
        response: { 200: logoutAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      callerOf(request);
      if (request.sessionToken) await closeSession(ctx.db, request.sessionToken);
      setCookie(reply, SESSION_COOKIE, '', { httpOnly: true, secure, expires: null });
      setCookie(reply, CSRF_COOKIE, '', { httpOnly: false, secure, expires: null });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who am I (and the identity mode)',
        response: { 200: meAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    (request) => Promise.resolve({ user: callerOf(request), mode: ctx.auth.mode }),
  );
}

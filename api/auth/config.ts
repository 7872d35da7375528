import { z } from 'zod';
import { formatZodError } from '../../common/zodErrors';

/**
 * How callers are identified.
 * - `local` (embedded default): users in the database, session cookie + CSRF token.
 * - `proxy` (production): a reverse proxy that has already authenticated the person sets
 *   X-Secondment-User / -Role / -Units (/ -Cadre for cadres); accepted only from `trustedProxies`.
 * OIDC is not implemented (see api/README.md); run an OIDC-aware proxy in `proxy` mode instead.
 */
export interface AuthConfig {
  mode: 'local' | 'proxy';
  /** exact peer addresses of the proxies allowed to assert identity headers (proxy mode) */
  trustedProxies: string[];
  sessionTtlMs: number;
  /** mark cookies Secure (behind HTTPS) */
  secureCookies: boolean;
  /** failed logins allowed per (username, IP) per window */
  loginMaxFailures: number;
  /** failed logins allowed per username from all addresses together per window */
  loginAccountMaxFailures: number;
  loginWindowMs: number;
}

export const defaultAuthConfig: AuthConfig = {
  mode: 'local',
  trustedProxies: [],
  sessionTtlMs: 8 * 3600_000,
  secureCookies: false,
  loginMaxFailures: 5,
  loginAccountMaxFailures: 20,
  loginWindowMs: 60_000,
};

const authEnvSchema = z.object({
  SECONDMENT_AUTH_MODE: z.enum(['local', 'proxy']).default('local'),
  SECONDMENT_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  SECONDMENT_SESSION_HOURS: z.coerce.number().positive().max(720).default(8),
  SECONDMENT_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
});

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const parsed = authEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`配置错误 / invalid configuration: ${formatZodError(parsed.error)}`);
  const e = parsed.data;
  if (e.SECONDMENT_AUTH_MODE === 'proxy' && e.SECONDMENT_TRUSTED_PROXIES.length === 0) {
    throw new Error(
      '配置错误 / invalid configuration: SECONDMENT_AUTH_MODE=proxy needs SECONDMENT_TRUSTED_PROXIES (comma-separated IPs)',
    );
  }
  return {
    ...defaultAuthConfig,
    mode: e.SECONDMENT_AUTH_MODE,
    trustedProxies: e.SECONDMENT_TRUSTED_PROXIES,
    sessionTtlMs: e.SECONDMENT_SESSION_HOURS * 3600_000,
    secureCookies: e.SECONDMENT_SECURE_COOKIES === 'true',
  };
}

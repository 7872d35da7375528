import type { FastifyInstance } from 'fastify';
import { createUser, type NewUser } from '../../../../api/auth/users';
import { DEMO_PASSWORD, seedDemoUsers } from '../../../../stack/demo/users';
import { buildApi } from '../../../../api/server';
import type { AuthConfig } from '../../../../api/auth/config';
import type { Queryable } from '../../../../db';
import { connectToSharedDevServer, type DevServerClients } from '../../../harness/environments';
import { createSecondmentWorld, type SecondmentWorld } from '../../support/secondmentWorld';
import { serve, type HttpClient, type RequestOptions, type Res } from './http';
import { testDataConverter } from '../../../harness/codec';

/** The API against a real stack: shared dev server, a worker with the real activities, PGlite. */
export interface ApiWorld {
  app: FastifyInstance;
  /** HTTP client of the listening app */
  http: HttpClient;
  world: SecondmentWorld;
  env: DevServerClients;
  close(): Promise<void>;
}

export async function createApiWorld(
  opts: { auth?: Partial<AuthConfig>; users?: NewUser[]; temporalUiUrl?: string } = {},
): Promise<ApiWorld> {
  const env = await connectToSharedDevServer();
  const world = await createSecondmentWorld(env.nativeConnection, env.client, env.namespace);
  await seedDemoUsers(world.db);
  for (const u of opts.users ?? []) await createUser(world.db, u);
  const app = buildApi({
    connection: env.connection,
    namespace: env.namespace,
    taskQueue: world.taskQueue,
    dataConverter: testDataConverter,
    db: world.db,
    auth: opts.auth ?? {},
    temporalUiUrl: opts.temporalUiUrl ?? 'http://temporal-ui.test',
  });
  const http = await serve(app);
  return {
    app,
    http,
    world,
    env,
    async close() {
      await app.close();
      await world.close();
      await env.close();
    },
  };
}

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
}

export async function login(app: HttpClient, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = setCookies(res)
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  return { username, cookie, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

/** A request as this session, with the CSRF header on state-changing methods. */
export function call(
  app: HttpClient,
  s: Session,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  extra: Partial<RequestOptions> = {},
): Promise<Res> {
  return app.inject({
    method,
    url,
    headers: { cookie: s.cookie, ...(method === 'POST' ? { 'x-csrf-token': s.csrf } : {}) },
    ...(payload !== undefined ? { payload } : {}),
    ...extra,
  });
}

/** Set-Cookie headers, parsed (light-my-request's `res.cookies` needs an ESM-only package under jest). */
export function setCookies(
  res: Res,
): { name: string; value: string; attributes: Record<string, string | true> }[] {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((line) => {
    const [pair = '', ...attrs] = line.split(';').map((x) => x.trim());
    const eq = pair.indexOf('=');
    const attributes: Record<string, string | true> = {};
    for (const a of attrs) {
      const i = a.indexOf('=');
      attributes[(i < 0 ? a : a.slice(0, i)).toLowerCase()] = i < 0 ? true : a.slice(i + 1);
    }
    return { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), attributes };
  });
}

/** The projection row is written by the workflow's first activity: wait until the case is listed. */
export function waitForProjection(world: ApiWorld, caseId: string): Promise<void> {
  return waitForProjectionIn(world.world.db, caseId);
}

/** The same, for a test with a database of its own. */
export async function waitForProjectionIn(db: Queryable, caseId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const rows = await db.query('SELECT 1 FROM cases WHERE case_id = $1', [caseId]);
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`case ${caseId} never reached the projection`);
}

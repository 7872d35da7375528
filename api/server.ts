import Fastify, { type FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import { Client, type Connection } from '@temporalio/client';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { SecondmentClient } from '../client/secondmentClient';
import type { Db } from '../db';
import { defaultAuthConfig, type AuthConfig } from './auth/config';
import { installAuth } from './auth/plugin';
import { consoleRoutes } from './console';
import { LoginLimiter } from './auth/loginLimiter';
import { docsRoutes } from './docsPage';
import { installErrorHandling } from './errors';
import { authRoutes } from './routes/auth';
import { consoleReadRoutes } from './routes/console';
import { caseRoutes } from './routes/cases';
import { exportRoutes } from './routes/export';
import { operationRoutes } from './routes/operations';
import { userRoutes } from './routes/users';

export interface ApiDeps {
  connection: Connection;
  namespace: string;
  taskQueue: string;
  /** the same database the worker's activities write (projection, audit trail, users) */
  db: Db;
  auth?: Partial<AuthConfig>;
  /** base URL of the Temporal UI, for links from technical "stuck" entries */
  temporalUiUrl?: string;
  /** pending-activity attempt from which a case counts as technically stuck (default 3) */
  stuckActivityAttempts?: number;
  /** Fastify logger (default off; the stack turns it on) */
  logger?: boolean;
}

/** What every route handler needs. */
export interface ApiContext {
  db: Db;
  cases: SecondmentClient;
  connection: Connection;
  namespace: string;
  taskQueue: string;
  auth: AuthConfig;
  loginLimiter: LoginLimiter;
  temporalUiUrl: string | undefined;
  stuckActivityAttempts: number;
}

/**
 * The admin HTTP API. Every route is declared with zod schemas (fastify-type-provider-zod), which
 * validate the input and also generate the OpenAPI document at /api/openapi.json (rendered at
 * /api/docs from @fastify/swagger-ui's bundled assets: no CDN). Identity, scoping and CSRF are
 * enforced in one request hook (api/auth/plugin.ts) and one scope rule (api/scope.ts).
 */
export function buildApi(deps: ApiDeps): FastifyInstance {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  const auth: AuthConfig = { ...defaultAuthConfig, ...deps.auth };
  const ctx: ApiContext = {
    db: deps.db,
    cases: new SecondmentClient(
      new Client({ connection: deps.connection, namespace: deps.namespace }),
      deps.taskQueue,
      // Reads come from the database the worker writes: no Temporal queries on the request path.
      { reads: deps.db },
    ),
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    auth,
    loginLimiter: new LoginLimiter(auth.loginMaxFailures, auth.loginWindowMs),
    temporalUiUrl: deps.temporalUiUrl?.replace(/\/+$/, ''),
    stuckActivityAttempts: deps.stuckActivityAttempts ?? 3,
  };

  // Per-route limits only (login); the failed-login counter lives in LoginLimiter.
  void app.register(fastifyRateLimit, { global: false });
  void app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '挂职锻炼工作流 API / Secondment engine admin API',
        description:
          'Log in with POST /api/auth/login (session cookie); send the returned csrfToken as `x-csrf-token` on every POST. Errors: `{ error: { code, message, field? } }`.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'secondment_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  installAuth(app, deps.db, auth);

  void app.register((api, _opts, done) => {
    const r = api.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/health',
      { config: { public: true }, schema: { tags: ['meta'], summary: 'Liveness and Temporal reachability' } },
      async (_request, reply) => {
        try {
          await deps.connection.workflowService.describeNamespace({ namespace: deps.namespace });
          return {
            status: 'ok',
            temporal: 'reachable',
            namespace: deps.namespace,
            taskQueue: deps.taskQueue,
          };
        } catch (err) {
          return reply.code(503).send({
            status: 'degraded',
            temporal: 'unreachable',
            namespace: deps.namespace,
            message: `Temporal 不可达 / Temporal unreachable: ${(err as Error).message}`,
          });
        }
      },
    );

    r.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, (_request, reply) =>
      reply.send(api.swagger()),
    );

    docsRoutes(api);
    authRoutes(r, ctx);
    caseRoutes(r, ctx);
    operationRoutes(r, ctx);
    exportRoutes(r, ctx);
    userRoutes(r, ctx);
    consoleReadRoutes(r, ctx);
    done();
  });
  void app.register(consoleRoutes);

  return app;
}

import { generateKeyPairSync } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { CaseOperations, Client, ProposalClient, RoundClient, SecondmentClient } from '../client';
import { defaultAuthConfig, type AuthConfig } from './auth/config';
import { installAuth } from './auth/plugin';
import { LoginLimiter } from './auth/loginLimiter';
import { consoleRoutes } from './consoleAssets';
import type { ApiContext, ApiDeps } from './context';
import { docsRoutes } from './docsPage';
import { installErrorHandling } from './errors';
import { healthRoute } from './health';
import { instrumentHttp, requestIdFrom } from '../observability/httpInstrumentation';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { bulkRoutes } from './routes/bulk';
import { interventionRoutes } from './routes/interventions';
import { proposalRoutes } from './routes/proposals';
import { calendarRoutes } from './routes/calendar';
import { caseRoutes } from './routes/cases';
import { dashboardRoutes } from './routes/dashboard';
import { exportRoutes } from './routes/export';
import { metaRoutes } from './routes/meta';
import { stuckRoutes } from './routes/stuck';
import { userRoutes } from './routes/users';
import { unitRoutes } from './routes/units';
import { personRoutes } from './routes/persons';
import { reservePoolRoutes } from './routes/reservePool';
import { notificationRoutes } from './routes/notifications';
import { roundRoutes } from './routes/rounds';
import { roundEntryRoutes } from './routes/roundEntries';
import { roundBoardRoutes } from './routes/roundBoard';
import { roundLaunchRoutes } from './routes/roundLaunch';
import { roundStatsRoutes } from './routes/roundStats';
import { seminarRoutes } from './routes/seminars';
import { documentRoutes } from './routes/documents';
import { feedRoutes } from './routes/feeds';
import { allocationRoutes } from './routes/allocations';

export type { ApiContext, ApiDeps } from './context';

/**
 * The admin HTTP API. Every route is declared with zod schemas (fastify-type-provider-zod), which
 * validate the input and also generate the OpenAPI document at /api/openapi.json (rendered at
 * /api/docs from @fastify/swagger-ui's bundled assets: no CDN). Identity, scoping and CSRF are
 * enforced in one request hook (api/auth/plugin.ts) and one scope rule (api/scope.ts).
 */
export function buildApi(deps: ApiDeps): FastifyInstance {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
  }) as unknown as FastifyInstance;
  // First of all hooks: the request's span and timing cover authentication and everything after.
  instrumentHttp(app, { metrics: deps.metrics, tracing: deps.tracing });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // Every API answer (errors included): no MIME sniffing, never framed; the reference page also
  // says so in its CSP (frame-ancestors).
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api')) {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('x-frame-options', 'DENY');
      if (request.url.startsWith('/api/docs') && !reply.hasHeader('content-security-policy'))
        reply.header('content-security-policy', "frame-ancestors 'none'");
    }
    done(null, payload);
  });

  const auth: AuthConfig = { ...defaultAuthConfig, ...deps.auth };
  const temporalClient = new Client({
    connection: deps.connection,
    namespace: deps.namespace,
    dataConverter: deps.dataConverter,
    ...(deps.tracing?.clientInterceptors ? { interceptors: deps.tracing.clientInterceptors } : {}),
  });
  const ctx: ApiContext = {
    db: deps.db,
    cases: new SecondmentClient(
      temporalClient,
      deps.taskQueue,
      // Reads come from the database the worker writes: no Temporal queries on the request path.
      { reads: deps.db },
    ),
    rounds: new RoundClient(temporalClient, deps.taskQueue, deps.db),
    proposals: new ProposalClient(temporalClient, deps.taskQueue),
    ops: new CaseOperations(deps.connection, deps.namespace, {
      temporalUiUrl: deps.temporalUiUrl?.replace(/\/+$/, ''),
      stuckActivityAttempts: deps.stuckActivityAttempts ?? 3,
      client: temporalClient,
    }),
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    auth,
    loginLimiter: new LoginLimiter(auth.loginMaxFailures, auth.loginWindowMs, auth.loginAccountMaxFailures),
    metrics: deps.metrics,
    auditSigningKey: deps.auditSigningKey ?? generateKeyPairSync('ed25519').privateKey,
    eventAnswerWithinMs: deps.eventAnswerWithinMs,
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

    healthRoute(r, ctx);

    r.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, (_request, reply) =>
      reply.send(api.swagger()),
    );

    docsRoutes(api);
    authRoutes(r, ctx);
    caseRoutes(r, ctx);
    bulkRoutes(r, ctx);
    interventionRoutes(r, ctx);
    proposalRoutes(r, ctx);
    calendarRoutes(r, ctx);
    auditRoutes(r, ctx);
    stuckRoutes(r, ctx);
    metaRoutes(r, ctx);
    dashboardRoutes(r, ctx);
    exportRoutes(r, ctx);
    userRoutes(r, ctx);
    unitRoutes(r, ctx);
    personRoutes(r, ctx);
    reservePoolRoutes(r, ctx);
    notificationRoutes(r, ctx);
    roundRoutes(r, ctx);
    roundEntryRoutes(r, ctx);
    roundBoardRoutes(r, ctx);
    roundLaunchRoutes(r, ctx);
    roundStatsRoutes(r, ctx);
    seminarRoutes(r, ctx);
    allocationRoutes(r, ctx);
    documentRoutes(r, ctx);
    feedRoutes(r, ctx);
    done();
  });
  void app.register(consoleRoutes);

  return app;
}

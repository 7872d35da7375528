import Fastify, { type FastifyInstance } from 'fastify';
import type { Connection } from '@temporalio/client';

export interface ApiDeps {
  connection: Connection;
  namespace: string;
  taskQueue: string;
}

/**
 * The HTTP server. For now it answers health checks; the admin API grows here. Fastify was
 * chosen for its schema-first routing, which later lets zod schemas drive validation and the
 * OpenAPI document from one source.
 */
export function buildApi(deps: ApiDeps): FastifyInstance {
  const app = Fastify({ logger: false });

  app.get('/api/health', async (_request, reply) => {
    try {
      await deps.connection.workflowService.describeNamespace({ namespace: deps.namespace });
      return { status: 'ok', temporal: 'reachable', namespace: deps.namespace, taskQueue: deps.taskQueue };
    } catch (err) {
      return reply.code(503).send({
        status: 'degraded',
        temporal: 'unreachable',
        namespace: deps.namespace,
        message: `Temporal 不可达 / Temporal unreachable: ${(err as Error).message}`,
      });
    }
  });

  return app;
}

import { degradedSchema, healthSchema } from '../contract';
import type { ApiContext } from './context';
import type { ZodApp } from './routes/types';

/** A dependency that has not answered within this is reported as unreachable: health never hangs. */
const PROBE_TIMEOUT_MS = 3_000;

async function probe(check: () => Promise<void>): Promise<{ ok: true } | { ok: false; message: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return { ok: true };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** GET /api/health: 200 when Temporal and the database both answer, else 503 naming the one that did not. */
export function healthRoute(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['meta'],
        summary: 'Liveness, Temporal and database reachability (503 when either does not answer)',
        response: { 200: healthSchema, 503: degradedSchema },
      },
    },
    async (_request, reply) => {
      const [temporal, database] = await Promise.all([
        probe(async () => {
          const health = await ctx.ops.health();
          if (!health.ok) throw new Error(health.message);
        }),
        probe(async () => {
          await ctx.db.query('SELECT 1');
        }),
      ]);
      if (temporal.ok && database.ok)
        return reply.send({
          status: 'ok' as const,
          temporal: 'reachable' as const,
          database: 'reachable' as const,
          namespace: ctx.namespace,
          taskQueue: ctx.taskQueue,
        });
      const problems = [
        ...(temporal.ok ? [] : [`Temporal 不可达 / Temporal unreachable: ${temporal.message}`]),
        ...(database.ok ? [] : [`数据库不可达 / database unreachable: ${database.message}`]),
      ];
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({
          status: 'degraded' as const,
          temporal: temporal.ok ? ('reachable' as const) : ('unreachable' as const),
          database: database.ok ? ('reachable' as const) : ('unreachable' as const),
          namespace: ctx.namespace,
          message: problems.join('; '),
        });
    },
  );
}

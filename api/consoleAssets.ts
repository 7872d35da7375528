import type { FastifyInstance, FastifyReply } from 'fastify';
import { buildConsole, type ConsoleBuild } from '../web/build';

/*
 * The web console (web/), served by the API process itself at `/` and `/assets/*`. It is bundled
 * in memory once per process, started when the server becomes ready so `listen()` is not delayed;
 * a request arriving before the bundle is done waits for it. SECONDMENT_CONSOLE=false turns it off
 * (API-only deployments).
 */

let shared: Promise<ConsoleBuild> | undefined;

/** The process's console bundle, built on first use. */
export function consoleBuild(): Promise<ConsoleBuild> {
  shared ??= buildConsole().then((b) => {
    if (!process.env.JEST_WORKER_ID)
      console.log(`  控制台已构建 / console bundled in ${b.ms} ms (${b.assets.size} files)`);
    return b;
  });
  // A failed build is retried on the next request instead of failing forever.
  shared.catch(() => {
    shared = undefined;
  });
  return shared;
}

// mermaid styles its SVG inline; everything else comes from this origin.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const unavailable = (reply: FastifyReply, err: unknown) =>
  reply
    .code(503)
    .type('text/plain; charset=utf-8')
    .send(`控制台构建失败 / console build failed: ${(err as Error).message}`);

export function consoleRoutes(app: FastifyInstance, _opts: unknown, done: (err?: Error) => void): void {
  if (process.env.SECONDMENT_CONSOLE === 'false') return done();
  const hidden = { config: { public: true }, schema: { hide: true } };

  app.addHook('onReady', (next) => {
    consoleBuild().catch((err: unknown) => app.log.error({ err }, 'console build failed'));
    next();
  });
  // Do not leave a build running behind a closed server (jest would see the open handle).
  app.addHook('onClose', async () => {
    await shared?.catch(() => undefined);
  });

  app.get('/', hidden, async (_request, reply) => {
    try {
      const b = await consoleBuild();
      return await reply
        .header('content-security-policy', CSP)
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .type('text/html; charset=utf-8')
        .send(b.indexHtml);
    } catch (err) {
      return unavailable(reply, err);
    }
  });

  app.get<{ Params: { '*': string } }>('/assets/*', hidden, async (request, reply) => {
    let b: ConsoleBuild;
    try {
      b = await consoleBuild();
    } catch (err) {
      return unavailable(reply, err);
    }
    const asset = b.assets.get(request.params['*']);
    if (!asset)
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '未找到 / no such asset' } });
    return reply
      .type(asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(asset.contents));
  });
  done();
}

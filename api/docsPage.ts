import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/*
 * /api/docs: Swagger UI rendering /api/openapi.json, from the assets bundled in the
 * @fastify/swagger-ui package (no CDN, works offline). The files are served here rather than by
 * the plugin itself because the plugin's static-file server pulls in an ESM-only dependency that
 * jest's CommonJS runtime cannot load.
 */
const ASSET_DIR = path.join(path.dirname(require.resolve('@fastify/swagger-ui/package.json')), 'static');
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>挂职锻炼工作流 API / Secondment API</title>
  <link rel="stylesheet" href="/api/docs/static/swagger-ui.css">
  <link rel="stylesheet" href="/api/docs/static/index.css">
  <link rel="icon" type="image/png" href="/api/docs/static/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/static/swagger-ui-bundle.js"></script>
  <script src="/api/docs/static/swagger-ui-standalone-preset.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  validatorUrl: null,
});
`;

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";

export function docsRoutes(app: FastifyInstance): void {
  const hidden = { config: { public: true }, schema: { hide: true } };
  app.get('/api/docs', hidden, async (_request, reply) =>
    reply.header('content-security-policy', CSP).type('text/html; charset=utf-8').send(PAGE),
  );
  app.get('/api/docs/init.js', hidden, async (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').send(INIT),
  );
  app.get<{ Params: { file: string } }>('/api/docs/static/:file', hidden, async (request, reply) => {
    const type = ASSETS[request.params.file];
    if (!type) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such asset' } });
    const body = await readFile(path.join(ASSET_DIR, request.params.file));
    return reply.type(type).header('cache-control', 'public, max-age=86400').send(body);
  });
}

// Remote codec endpoint (Temporal's codec-server protocol: POST /encode and /decode with
// `{ payloads: [{ metadata: {k: base64}, data: base64 }] }`), so the Temporal Web UI and CLI can show
// decrypted payloads to an operator. Whoever reaches it can read histories, so it binds to
// loopback by default and answers CORS only for the configured UI origin.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

const jsonPayloadSchema = z.object({
  metadata: z.record(z.string(), z.string()).nullish(),
  data: z.string().nullish(),
});
const bodySchema = z.object({ payloads: z.array(jsonPayloadSchema).max(10_000) });
type JsonPayload = z.infer<typeof jsonPayloadSchema>;

const fromJson = (p: JsonPayload): Payload => ({
  metadata: p.metadata
    ? Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')]))
    : null,
  data: p.data ? Buffer.from(p.data, 'base64') : null,
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: p.metadata
    ? Object.fromEntries(
        Object.entries(p.metadata).map(([k, v]) => [
          k,
          Buffer.from(v ?? new Uint8Array()).toString('base64'),
        ]),
      )
    : null,
  data: p.data ? Buffer.from(p.data).toString('base64') : null,
});

export interface CodecServerOptions {
  codec: PayloadCodec;
  host: string;
  port: number;
  /** origins allowed to call from a browser (the Temporal UI's address) */
  allowedOrigins: readonly string[];
}

export interface CodecServer {
  url: string;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function codecRequestHandler(opts: Pick<CodecServerOptions, 'codec' | 'allowedOrigins'>) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const origin = req.headers.origin;
    if (origin && opts.allowedOrigins.includes(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
      res.setHeader('access-control-allow-headers', 'content-type, x-namespace, authorization');
      res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    }
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(origin && opts.allowedOrigins.includes(origin) ? 204 : 403).end();
      return;
    }
    const route = (req.url ?? '').split('?')[0]?.replace(/\/+$/, '');
    if (req.method !== 'POST' || (route !== '/encode' && route !== '/decode')) {
      send(404, { error: 'POST /encode or /decode' });
      return;
    }
    let parsed: z.infer<typeof bodySchema>;
    try {
      const body = bodySchema.safeParse(JSON.parse(await readBody(req)));
      if (!body.success) {
        send(400, { error: `invalid body: ${body.error.issues[0]?.message ?? 'payloads expected'}` });
        return;
      }
      parsed = body.data;
    } catch {
      send(400, { error: 'body is not valid JSON (or larger than 4 MiB)' });
      return;
    }
    try {
      const payloads = parsed.payloads.map(fromJson);
      const out = route === '/encode' ? await opts.codec.encode(payloads) : await opts.codec.decode(payloads);
      send(200, { payloads: out.map(toJson) });
    } catch (err) {
      send(422, { error: `cannot ${route.slice(1)}: ${(err as Error).message}` });
    }
  };
}

export async function startCodecServer(opts: CodecServerOptions): Promise<CodecServer> {
  const handler = codecRequestHandler(opts);
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Real HTTP against a listening API. Fastify's inject() cannot be used under jest here: its
 * light-my-request requires the ESM-only `cookie` package, which jest's CommonJS runtime refuses.
 */
export interface Res {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** the body's bytes (an XLSX workbook is no text) */
  raw: Buffer;
  json(): unknown;
}

export interface RequestOptions {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
  /** the client's source address (any 127.x.y.z), to test per-IP rules and trusted proxies */
  remoteAddress?: string;
}

export class HttpClient {
  constructor(private readonly port: number) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  inject(opts: RequestOptions): Promise<Res> {
    const headers: Record<string, string> = { ...opts.headers };
    let body: string | undefined;
    if (opts.payload !== undefined) {
      body = typeof opts.payload === 'string' ? opts.payload : JSON.stringify(opts.payload);
      headers['content-type'] ??= 'application/json';
    }
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: this.port,
          method: opts.method,
          path: opts.url,
          headers,
          ...(opts.remoteAddress ? { localAddress: opts.remoteAddress } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            const text = raw.toString('utf8');
            resolve({
              statusCode: res.statusCode ?? 0,
              headers: res.headers,
              body: text,
              raw,
              json: (): unknown => JSON.parse(text),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}

/** Starts the app on a free loopback port; the app's close() stops it. */
export async function serve(app: FastifyInstance): Promise<HttpClient> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return new HttpClient((app.server.address() as AddressInfo).port);
}

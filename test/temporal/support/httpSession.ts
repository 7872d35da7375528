/**
 * A plain HTTP client of a running API over fetch, with a time limit on every request: a request
 * that does not answer in time is reported as hung (the outage test counts them; there must be none).
 */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

export class RequestHung extends Error {
  constructor(method: string, url: string, ms: number) {
    super(`${method} ${url}: no answer within ${ms} ms`);
    this.name = 'RequestHung';
  }
}

export class ApiSession {
  private cookie = '';
  private csrf = '';

  constructor(
    private readonly base: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async request(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method === 'POST') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}${url}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      if (err instanceof Error && err.name === 'TimeoutError')
        throw new RequestHung(method, url, this.timeoutMs);
      throw err;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    this.cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }
}

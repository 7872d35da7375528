/**
 * Failed-login counter per (username, client IP): after `max` failures within `windowMs`, further
 * attempts for that pair are refused until the window slides, even with the right password. Kept in
 * memory: per process, reset on restart (documented in api/README.md).
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  private key(username: string, ip: string): string {
    return `${username.trim().toLowerCase()}|${ip}`;
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  blocked(username: string, ip: string, now = Date.now()): boolean {
    return this.recent(this.key(username, ip), now).length >= this.max;
  }

  fail(username: string, ip: string, now = Date.now()): void {
    const key = this.key(username, ip);
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) {
      for (const k of [...this.failures.keys()].slice(0, 1000)) this.failures.delete(k);
    }
  }

  succeed(username: string, ip: string): void {
    this.failures.delete(this.key(username, ip));
  }
}

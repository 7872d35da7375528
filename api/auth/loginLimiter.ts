/**
 * Failed-login counters: per (username, client IP) — after `max` failures within `windowMs` that
 * pair is refused — and per account across all addresses — after `accountMax` failures within the
 * window the account is locked for everyone, the right password included, until the window
 * slides (an attacker spreading guesses over many addresses). Kept in memory: per process, reset on
 * restart (documented in api/README.md).
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    /** failures of one account from any address (default: 4 × max) */
    private readonly accountMax = max * 4,
  ) {}

  private pairKey(username: string, ip: string): string {
    return `${username.trim().toLowerCase()}|${ip}`;
  }

  private accountKey(username: string): string {
    return `${username.trim().toLowerCase()}|*`;
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  blocked(username: string, ip: string, now = Date.now()): boolean {
    return (
      this.recent(this.pairKey(username, ip), now).length >= this.max ||
      this.recent(this.accountKey(username), now).length >= this.accountMax
    );
  }

  fail(username: string, ip: string, now = Date.now()): void {
    for (const key of [this.pairKey(username, ip), this.accountKey(username)])
      this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) {
      for (const k of [...this.failures.keys()].slice(0, 1000)) this.failures.delete(k);
    }
  }

  /** A success clears its own address only: other addresses' failures still count against the account. */
  succeed(username: string, ip: string): void {
    this.failures.delete(this.pairKey(username, ip));
  }
}

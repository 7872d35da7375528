// The failed-login counters on their own clock: per (user, address) and per account across
// addresses, and when a lock ends.
import { LoginLimiter } from '../../../api/auth/loginLimiter';

const WINDOW = 60_000;

test('50 wrong passwords for one account from 10 addresses in a minute lock it for every address until the window passes', () => {
  const limiter = new LoginLimiter(5, WINDOW, 20);
  const t0 = 1_000_000;
  let reachedCheck = 0;
  for (let i = 0; i < 50; i++) {
    const ip = `10.0.0.${i % 10}`;
    const now = t0 + i * 1000; // 50 s in all
    if (limiter.blocked('sender', ip, now)) continue;
    reachedCheck += 1;
    limiter.fail('sender', ip, now);
  }
  expect(reachedCheck).toBe(20);
  // the right password from a fresh address is refused within the window …
  expect(limiter.blocked('sender', '10.9.9.9', t0 + 50_000)).toBe(true);
  // … and while all 20 counted failures are less than a minute old (the sliding window)
  expect(limiter.blocked('sender', '10.9.9.9', t0 + WINDOW - 1)).toBe(true);
  // once the oldest has left the window the account is open again
  expect(limiter.blocked('sender', '10.9.9.9', t0 + WINDOW)).toBe(false);
  // other accounts were never locked
  expect(limiter.blocked('receiver', '10.0.0.1', t0 + 50_000)).toBe(false);
});

test('per (user, address): 5 failures lock that pair only; a success clears its own address', () => {
  const limiter = new LoginLimiter(5, WINDOW, 20);
  for (let i = 0; i < 5; i++) limiter.fail('admin', '10.0.0.1', i);
  expect(limiter.blocked('admin', '10.0.0.1', 10)).toBe(true);
  expect(limiter.blocked('admin', '10.0.0.2', 10)).toBe(false);
  limiter.succeed('admin', '10.0.0.2');
  expect(limiter.blocked('admin', '10.0.0.1', 10)).toBe(true);
});

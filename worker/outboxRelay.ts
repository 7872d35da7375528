import type { DeliverNotificationsInput, DeliveryReport } from '../notify';

/**
 * Delivers the notification outbox in the background. Delivery lives outside the workflows
 * (transactional outbox): a transition commits its notification rows with its audit row, and
 * this relay sends them, exactly once into the local mailbox, with retries and dead letters.
 */
export function startOutboxRelay(
  deliver: (input?: DeliverNotificationsInput) => Promise<DeliveryReport>,
  opts: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    while (!stopped) {
      const report = await deliver({ limit: 50 }).catch((err: unknown) => {
        opts.onError?.(err);
        return { sent: 0 };
      });
      // Drain a backlog at once; otherwise wait for the next interval.
      if (report.sent < 50) break;
    }
  };
  const timer = setInterval(() => {
    current = current.then(tick);
  }, opts.intervalMs ?? 1000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}

import type { DeliveryOutcome } from '../notify';
import type { SecondmentMetrics } from './metrics';

/** The outbox relay's observer: attempts by outcome, and the latency of each delivered notification. */
export function deliveryMetrics(metrics: SecondmentMetrics): (attempt: DeliveryOutcome) => void {
  return ({ outcome, waitedSeconds }) => {
    metrics.notificationsDelivered.inc({ outcome });
    if (outcome === 'sent') metrics.deliveryLatency.observe(waitedSeconds);
  };
}

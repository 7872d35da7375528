import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

/**
 * One durable timer per open duty, kept equal to the duties' `nextAlarmAt` values. Timers are
 * derived from the machine's state after every transition rather than from deadline effects,
 * so a new run after continue-as-new re-arms exactly what is open.
 */
export class DutyTimers {
  private readonly timers = new Map<string, { at: string; scope: CancellationScope }>();

  constructor(private readonly onFire: (dutyId: string, alarmAt: string) => void) {}

  reconcile(wanted: ReadonlyMap<string, string>): void {
    for (const [dutyId, timer] of this.timers) {
      if (wanted.get(dutyId) !== timer.at) {
        timer.scope.cancel();
        this.timers.delete(dutyId);
      }
    }
    for (const [dutyId, at] of wanted) {
      if (this.timers.has(dutyId)) continue;
      const scope = new CancellationScope();
      this.timers.set(dutyId, { at, scope });
      const delay = Math.max(1, Date.parse(at) - Date.now());
      void scope
        .run(() => sleep(delay))
        .then(
          () => {
            if (this.timers.get(dutyId)?.scope !== scope) return;
            this.timers.delete(dutyId);
            this.onFire(dutyId, at);
          },
          (err: unknown) => {
            if (!isCancellation(err)) throw err;
          },
        );
    }
  }

  cancelAll(): void {
    this.reconcile(new Map());
  }

  get size(): number {
    return this.timers.size;
  }
}

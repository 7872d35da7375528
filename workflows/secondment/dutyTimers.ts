import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

/**
 * One durable timer per armed duty. Machine v1's host keeps them equal to the open duties'
 * `nextAlarmAt` after every transition (`reconcile`: its recorded histories replay exactly so);
 * machine v2's host only carries out the `deadline.set` / `deadline.clear` effects (`set`, `clear`).
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
      this.start(dutyId, at);
    }
  }

  /** A timer for this duty at `at` (replacing one at another moment). */
  set(dutyId: string, at: string): void {
    const timer = this.timers.get(dutyId);
    if (timer?.at === at) return;
    this.clear(dutyId);
    this.start(dutyId, at);
  }

  clear(dutyId: string): void {
    const timer = this.timers.get(dutyId);
    if (!timer) return;
    timer.scope.cancel();
    this.timers.delete(dutyId);
  }

  private start(dutyId: string, at: string): void {
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

  cancelAll(): void {
    this.reconcile(new Map());
  }

  get size(): number {
    return this.timers.size;
  }
}

/**
 * Work the local host runs for a caller waiting on it (a push, a mini-program's call) goes
 * before the timer's work.
 *
 * In WeChat Cloud each function runs in its own instances, so the `sweep` timer (closing idle
 * sessions, building the day's reports, the periodic XLSX) never takes CPU from `ingest`. The
 * local host runs every function on one thread; without this, a sweep run stalled every push that
 * arrived during it (seconds at 200 messages/s). A timer-run function's database calls wait for a
 * moment when no foreground invocation is in flight and the event loop is not behind, at most
 * `maxWaitMs` each, so the sweep still advances on a host that is never idle.
 */
export class ForegroundGate {
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  constructor(
    readonly maxWaitMs = 100,
    readonly busyTurnMs = 20,
  ) {}

  /** Counts `work` as foreground until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight++;
    return work.finally(() => {
      if (--this.inFlight > 0) return;
      const waiting = this.waiters;
      this.waiters = [];
      for (const wake of waiting) wake();
    });
  }

  /**
   * Resolves when no foreground work is in flight and the event loop is not behind (a turn
   * shorter than `busyTurnMs`: the in-process store answers at once, so requests waiting in the
   * socket buffers show only as long turns), or after `maxWaitMs`.
   */
  async idle(): Promise<void> {
    const deadline = Date.now() + this.maxWaitMs;
    for (;;) {
      const turnStarted = performance.now();
      await new Promise<void>((resolve) => setImmediate(resolve));
      const quiet = performance.now() - turnStarted < this.busyTurnMs;
      if ((quiet && this.inFlight === 0) || Date.now() >= deadline) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(this.busyTurnMs, Math.max(0, deadline - Date.now())));
        if (!quiet) return;
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Whether a call runs for the timer (the trigger itself or a function it called). */
export function isTimerWork(source: unknown): boolean {
  return typeof source === 'string' && source.split(',')[0] === 'wx_trigger';
}

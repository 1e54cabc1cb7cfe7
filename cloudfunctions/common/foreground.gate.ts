/**
 * Work someone is waiting on (a push, a client's call) goes before work nobody waits on (a
 * queued close, the timer's run), within one instance.
 *
 * `track` counts foreground work while it runs; `idle` resolves at a moment when none is in
 * flight and the event loop is not behind (a turn shorter than `busyTurnMs`), or after
 * `maxWaitMs`, so background work still advances on an instance that is never idle. The turn
 * matters where the database answers in-process (the local host): there no push is ever "in
 * flight" between turns, and requests waiting in the socket buffers show only as long turns.
 * Used by the close queue (close.queue.ts) and by the local host for the timer's database calls
 * (devcloud/sdk/cloud.binding.ts).
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

/**
 * Whether a call runs for the timer (the trigger itself or a function it called).
 *
 * In WeChat Cloud each function runs in its own instances, so the `sweep` timer (closing idle
 * sessions, building the day's reports, the periodic XLSX) never takes CPU from `ingest`. The
 * local host runs every function on one thread; without yielding, a sweep run stalled every push
 * that arrived during it (seconds at 200 messages/s). So the host counts the invocations a caller
 * waits on as foreground work and makes the timer's database calls wait on the same gate
 * (common/foreground.gate.ts; at most 100 ms each).
 */
export function isTimerWork(source: unknown): boolean {
  return typeof source === 'string' && source.split(',')[0] === 'wx_trigger';
}

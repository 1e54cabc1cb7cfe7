/**
 * The functions' failure log. Errors can carry the payload that caused them (a message text in
 * a database error, a customer's request in a transport error), and cloud logs are kept and read
 * by operators: a failure is logged as where it happened, the ids it concerns, the error's
 * class and code, and the stack frames, never the error's message or the payload.
 */
import { isDomainError } from '../core/errors';

export type LogIds = Record<string, string | number | undefined>;

/** Only what identifies a failure: class, code (domain, SDK or WeChat errcode) and frames. */
export function describeFailure(e: unknown): string {
  // Duck-typed, not `instanceof Error`: errors from another realm (a VM context, a worker) fail it.
  const err = (typeof e === 'object' && e !== null ? e : {}) as {
    name?: unknown;
    stack?: unknown;
    code?: unknown;
    errCode?: unknown;
    errcode?: unknown;
  };
  const parts: string[] = [typeof err.name === 'string' ? err.name : `thrown ${e === null ? 'null' : typeof e}`];
  const code = isDomainError(e) ? e.code : (err.errCode ?? err.errcode ?? err.code);
  if (typeof code === 'string' || typeof code === 'number') parts.push(`code=${code}`);
  if (typeof err.stack === 'string') {
    // The first line of a stack repeats the message: frames only.
    const frames = err.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 5)
      .map((line) => line.trim());
    if (frames.length) parts.push(frames.join(' < '));
  }
  return parts.join(' ');
}

export function logFailure(where: string, e: unknown, ids: LogIds = {}): void {
  const idText = Object.entries(ids)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.error(`[${where}]${idText ? ` ${idText}` : ''} ${describeFailure(e)}`);
}

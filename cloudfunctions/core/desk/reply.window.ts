/**
 * WeChat's customer-service window: a mini-program may send customer-service messages only
 * within 48 hours of the customer's last message (after that `customerServiceMessage.send`
 * answers 45015). The workspace shows the time left so the agent answers before it closes.
 */
export const REPLY_WINDOW_MS = 48 * 3600_000;

export interface ReplyWindow {
  /** When the customer last wrote; null when they never did (nothing can be sent). */
  lastCustomerAt: number | null;
  /** When sending stops being possible (null with no customer message). */
  closesAt: number | null;
  /** Milliseconds left at `now` (0 when closed). */
  leftMs: number;
  open: boolean;
}

export function replyWindow(messages: readonly { role: string; at: number }[], now: number): ReplyWindow {
  let last: number | null = null;
  for (const m of messages) if (m.role === 'customer' && (last === null || m.at > last)) last = m.at;
  if (last === null) return { lastCustomerAt: null, closesAt: null, leftMs: 0, open: false };
  const closesAt = last + REPLY_WINDOW_MS;
  const leftMs = Math.max(0, closesAt - now);
  return { lastCustomerAt: last, closesAt, leftMs, open: leftMs > 0 };
}

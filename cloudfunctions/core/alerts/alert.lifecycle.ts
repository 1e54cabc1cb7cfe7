/**
 * An alert's life: new → acknowledged → resolved (with a note), or a false alarm from either
 * open state. Closed alerts stay stored: false alarms feed rule-precision statistics later.
 */
import { DomainError, ERROR_CODES } from '../errors';
import type { Alert, AlertStatus } from '../model';

const NEXT: Record<AlertStatus, AlertStatus[]> = {
  new: ['acknowledged', 'resolved', 'false-alarm'],
  acknowledged: ['resolved', 'false-alarm'],
  resolved: [],
  'false-alarm': [],
};

export function assertTransition(from: AlertStatus, to: AlertStatus): void {
  if (!NEXT[from].includes(to)) {
    throw new DomainError(ERROR_CODES.ALERT_BAD_TRANSITION, `告警状态不能从 ${from} 变为 ${to}`);
  }
}

export function isClosedStatus(s: AlertStatus): boolean {
  return s === 'resolved' || s === 'false-alarm';
}

/** The fields a transition changes; resolving needs a note saying what was done. */
export function transitionPatch(
  alert: Pick<Alert, 'status'>,
  to: Exclude<AlertStatus, 'new'>,
  note: string | undefined,
  by: string,
  now: number,
): Partial<Alert> {
  assertTransition(alert.status, to);
  const text = note?.trim();
  if (to === 'resolved' && !text) {
    throw new DomainError(ERROR_CODES.INPUT_INVALID, 'note: 解决告警时必须填写处理说明');
  }
  const patch: Partial<Alert> = { status: to, updatedAt: now };
  if (isClosedStatus(to)) {
    patch.closedAt = now;
    patch.closedBy = by;
  }
  if (text) patch.note = text;
  return patch;
}

/** An alert's life: new → acknowledged → resolved, or a false alarm from either open state. */
import { DomainError, ERROR_CODES } from '../errors';
import type { AlertStatus } from '../model';

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

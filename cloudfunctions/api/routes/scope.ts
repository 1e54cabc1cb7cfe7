/** What part of the data each role sees. Role checks live in the api layer, never in pages. */
import { DomainError, ERROR_CODES } from '../../core/errors';
import type { Session, User } from '../../core/model';
import type { SessionFilter } from '../../common/sessions.repository';

export function sessionScope(user: User): SessionFilter {
  switch (user.role) {
    case 'supervisor':
      return { team: user.team ?? '__none__', includeUnassigned: true };
    case 'agent':
      return { agentId: user.agentId ?? '__none__' };
    default:
      return {};
  }
}

export function canSee(user: User, session: Session): boolean {
  const scope = sessionScope(user);
  return (
    (scope.team === undefined || session.team === scope.team || (user.role === 'supervisor' && !session.team)) &&
    (scope.agentId === undefined || session.agentIds.includes(scope.agentId))
  );
}

export function assertCanSee(user: User, session: Session): void {
  if (!canSee(user, session)) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权查看该会话');
}

/**
 * Who may answer a session's customer: exactly who may see it (`assertCanSee`, for every role),
 * plus the pickup: an agent may take a session no agent took yet, if it belongs to no team or
 * to theirs. Supervisors reply only in their team's sessions (and team-less ones).
 */
export function assertCanReply(user: User, session: Session): void {
  const untaken = session.agentIds.length === 0;
  const pickup = user.role === 'agent' && untaken && (!session.team || session.team === user.team);
  if (!pickup && !canSee(user, session)) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权回复该会话');
}

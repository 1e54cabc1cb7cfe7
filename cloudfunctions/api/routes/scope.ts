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

export function assertCanSee(user: User, session: Session): void {
  const scope = sessionScope(user);
  const visible =
    (scope.team === undefined || session.team === scope.team || (user.role === 'supervisor' && !session.team)) &&
    (scope.agentId === undefined || session.agentIds.includes(scope.agentId));
  if (!visible) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权查看该会话');
}

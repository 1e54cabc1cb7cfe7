/**
 * An agent's strengths (issue 16): reviewers' praise and bonus-rule hits over a window, for the
 * inbox's 「做得好的」 (common/strengths.service.ts). Scope as the training profile's: an agent
 * reads their own, a supervisor an agent of their team, an admin anyone. A read: not audited.
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { strengthsOf } from '../../common/strengths.service';
import { route } from '../router';
import { agentInScope } from './training.routes';

export const agentStrengths = route('agent/strengths', {
  params: z.object({
    agentId: z.string().min(1).max(64).optional(),
    days: z.number().int().min(7).max(90).default(30),
  }),
  async handle({ user, now }, p) {
    const agentId = p.agentId ?? (user.role === 'agent' ? user.agentId : undefined);
    if (!agentId) throw new DomainError(ERROR_CODES.INPUT_INVALID, '请指定坐席（agentId）');
    await agentInScope(user, agentId);
    return strengthsOf({ agentId, days: p.days, now });
  },
});

import { z } from 'zod';
import { listAgents } from '../../common/users.repository';
import { route } from '../router';

/** Agents' display names and teams, by agent id. */
export const agentsList = route('agents/list', {
  params: z.object({}).strip(),
  async handle() {
    const agents = await listAgents();
    return {
      items: agents
        .filter((a): a is typeof a & { agentId: string } => typeof a.agentId === 'string')
        .map((a) => ({ agentId: a.agentId, name: a.name, ...(a.team ? { team: a.team } : {}) }))
        .sort((a, b) => a.agentId.localeCompare(b.agentId)),
    };
  },
});

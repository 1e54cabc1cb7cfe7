/** `api`: the mini-program's single entry point (see router.ts and core/api.contract.ts). */
import {
  alertsGet,
  alertsList,
  alertsNotifyAgent,
  alertsSubscribe,
  alertsSubscription,
  alertsTransition,
} from './routes/alerts.routes';
import { alertPoliciesGet, alertPoliciesPublish, alertPoliciesSaveDraft } from './routes/alert-policies.routes';
import {
  issueExamplesAdd,
  issueExamplesList,
  issueExamplesRemove,
  issueTypesClassify,
} from './routes/issue-types.routes';
import { noticesAck, noticesList } from './routes/notices.routes';
import { messagesReply } from './routes/messages.routes';
import { sessionsClose, sessionsGet, sessionsList, sessionsLive } from './routes/sessions.routes';
import { deadLettersList, deadLettersReplay } from './routes/ingest.routes';
import { conversationsImport } from './routes/conversations.routes';
import { createRouter, type Route, type RouteTable } from './router';
import { listAgents } from '../common/users.repository';
import { z } from 'zod';

const meGet: Route<'me/get'> = {
  params: z.object({}).strip() as unknown as Route<'me/get'>['params'],
  async handle({ user }) {
    return user;
  },
};

const agentsList: Route<'agents/list'> = {
  params: z.object({}).strip() as unknown as Route<'agents/list'>['params'],
  async handle() {
    const agents = await listAgents();
    return {
      items: agents
        .filter((a): a is typeof a & { agentId: string } => typeof a.agentId === 'string')
        .map((a) => ({ agentId: a.agentId, name: a.name, ...(a.team ? { team: a.team } : {}) }))
        .sort((a, b) => a.agentId.localeCompare(b.agentId)),
    };
  },
};

/** Every action's route; tests compare its keys with ACTION_ACCESS (core/api.contract.ts). */
export const ROUTES: RouteTable = {
  'me/get': meGet,
  'agents/list': agentsList,
  'sessions/list': sessionsList,
  'sessions/get': sessionsGet,
  'sessions/close': sessionsClose,
  'messages/reply': messagesReply,
  'sessions/live': sessionsLive,
  'deadletters/list': deadLettersList,
  'deadletters/replay': deadLettersReplay,
  'conversations/import': conversationsImport,
  'alerts/list': alertsList,
  'alerts/get': alertsGet,
  'alerts/transition': alertsTransition,
  'alerts/subscribe': alertsSubscribe,
  'alerts/subscription': alertsSubscription,
  'alerts/notifyAgent': alertsNotifyAgent,
  'alertPolicies/get': alertPoliciesGet,
  'alertPolicies/saveDraft': alertPoliciesSaveDraft,
  'alertPolicies/publish': alertPoliciesPublish,
  'issueTypes/examples/list': issueExamplesList,
  'issueTypes/examples/add': issueExamplesAdd,
  'issueTypes/examples/remove': issueExamplesRemove,
  'issueTypes/classify': issueTypesClassify,
  'notices/list': noticesList,
  'notices/ack': noticesAck,
};

export const handle = createRouter(ROUTES);

export async function main(event: unknown) {
  return handle(event);
}

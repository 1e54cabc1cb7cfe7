/** An agent's strengths (issue 16): reviewers' praise and bonus-rule hits over a window. */
import type { ActionParams, ActionResult } from '@core/api.contract';
import { call } from './api';

export function agentStrengths(params: ActionParams<'agent/strengths'> = {}): Promise<ActionResult<'agent/strengths'>> {
  return call('agent/strengths', params);
}

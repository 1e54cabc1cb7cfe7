/** The knowledge base and training (issue 16, kb): articles, gaps, the catalogue, profiles and coaching effects. */
import type { ActionParams, ActionResult } from '@core/api.contract';
import { call } from './api';

export function listArticles(params: ActionParams<'kb/list'> = {}): Promise<ActionResult<'kb/list'>> {
  return call('kb/list', params);
}

export function saveArticle(article: ActionParams<'kb/save'>): Promise<ActionResult<'kb/save'>> {
  return call('kb/save', article);
}

export function removeArticle(articleId: string): Promise<ActionResult<'kb/remove'>> {
  return call('kb/remove', { articleId });
}

export function getGaps(days = 30): Promise<ActionResult<'kb/gaps'>> {
  return call('kb/gaps', { days });
}

export function draftFromGap(issueType: string, questions: string[]): Promise<ActionResult<'kb/draftFromGap'>> {
  return call('kb/draftFromGap', { issueType, questions });
}

export function listTraining(): Promise<ActionResult<'training/list'>> {
  return call('training/list', {});
}

export function saveTraining(item: ActionParams<'training/save'>): Promise<ActionResult<'training/save'>> {
  return call('training/save', item);
}

export function removeTraining(itemId: string): Promise<ActionResult<'training/remove'>> {
  return call('training/remove', { itemId });
}

export function myTraining(): Promise<ActionResult<'training/mine'>> {
  return call('training/mine', {});
}

export function trainingProfile(agentId: string): Promise<ActionResult<'training/profile'>> {
  return call('training/profile', { agentId });
}

export function trainingEffect(agentId: string): Promise<ActionResult<'training/effect'>> {
  return call('training/effect', { agentId });
}

export function assignTraining(agentId: string, itemId: string): Promise<ActionResult<'training/assign'>> {
  return call('training/assign', { agentId, itemId });
}

/** Agents a supervisor or admin may open 我的培训 for (`agents/list`: names and teams). */
export function listAgentsForTraining(): Promise<ActionResult<'agents/list'>> {
  return call('agents/list', {});
}

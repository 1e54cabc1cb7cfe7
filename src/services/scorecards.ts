/** Scorecard settings (admins): the `scorecards/*` actions, typed by the contract. */
import type { ActionParams, ActionResult, PrecedenceView } from '@core/api.contract';
import type { ScorecardEdit } from '@core/scoring/scorecard.edit';
import { call } from './api';

export type { ScorecardEdit };

export function listScorecards(): Promise<ActionResult<'scorecards/list'>> {
  return call('scorecards/list', {});
}

export function getScorecard(scorecardId: string, version?: number): Promise<ActionResult<'scorecards/get'>> {
  return call('scorecards/get', version === undefined ? { scorecardId } : { scorecardId, version });
}

/** Starts the draft of a card, or (with `copyAs`) a new card copied from it for another scope. */
export function startDraft(
  scorecardId: string,
  copyAs?: ActionParams<'scorecards/draft'>['copyAs'],
): Promise<ActionResult<'scorecards/draft'>> {
  return call('scorecards/draft', copyAs ? { scorecardId, copyAs } : { scorecardId });
}

export function saveDraftEdits(
  scorecardId: string,
  edits: ScorecardEdit[],
): Promise<ActionResult<'scorecards/saveDraft'>> {
  return call('scorecards/saveDraft', { scorecardId, edits });
}

export function previewLine(
  scorecardId: string,
  text: string,
  role: 'customer' | 'agent',
): Promise<ActionResult<'scorecards/preview'>> {
  return call('scorecards/preview', { scorecardId, text, role });
}

export function previewSession(scorecardId: string, sessionId: string): Promise<ActionResult<'scorecards/preview'>> {
  return call('scorecards/preview', { scorecardId, sessionId });
}

export function publishDraft(scorecardId: string): Promise<ActionResult<'scorecards/publish'>> {
  return call('scorecards/publish', { scorecardId });
}

export function rollbackScorecard(scorecardId: string, version: number): Promise<ActionResult<'scorecards/rollback'>> {
  return call('scorecards/rollback', { scorecardId, version });
}

export function discardDraft(scorecardId: string): Promise<ActionResult<'scorecards/discardDraft'>> {
  return call('scorecards/discardDraft', { scorecardId });
}

export function getPrecedence(): Promise<PrecedenceView> {
  return call('scorecards/precedence', {});
}

export function setPrecedence(order: string[], defaultId: string): Promise<PrecedenceView> {
  return call('scorecards/precedence', { set: { order, defaultId } });
}

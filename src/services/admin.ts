/**
 * The admins' settings (issue 14): users, invites, teams, ingest sources, dead letters, the
 * audit log, general settings and alert policies. Thin calls of the `api` actions; pages use
 * them through useRemote/useAction.
 */
import type { ActionParams, ActionResult } from '@core/api.contract';
import { call } from './api';

type P<A extends Parameters<typeof call>[0]> = ActionParams<A>;
type R<A extends Parameters<typeof call>[0]> = Promise<ActionResult<A>>;

export const listUsers = (p: P<'users/list'> = {}): R<'users/list'> => call('users/list', p);
export const updateUser = (p: P<'users/update'>): R<'users/update'> => call('users/update', p);
export const deactivateUser = (userId: string): R<'users/deactivate'> => call('users/deactivate', { userId });
export const reactivateUser = (userId: string): R<'users/reactivate'> => call('users/reactivate', { userId });

export const createInvite = (p: P<'invites/create'>): R<'invites/create'> => call('invites/create', p);
export const listInvites = (): R<'invites/list'> => call('invites/list', {});
/** Any signed-in WeChat user: the invite's role and team become theirs. */
export const redeemInvite = (code: string): R<'invites/redeem'> => call('invites/redeem', { code });
/** An unused invite stops working (issue 14 gap); a used one cannot be revoked. */
export const revokeInvite = async (inviteId: string) => (await call('invites/revoke', { inviteId })).invite;

export const listTeams = (): R<'teams/list'> => call('teams/list', {});
export const saveTeam = (p: P<'teams/save'>): R<'teams/save'> => call('teams/save', p);

export const listSources = (): R<'sources/list'> => call('sources/list', {});
export const createSource = (sourceId: string, name: string): R<'sources/create'> =>
  call('sources/create', { sourceId, name });
export const rotateSource = (sourceId: string, graceHours?: number): R<'sources/rotate'> =>
  call('sources/rotate', graceHours === undefined ? { sourceId } : { sourceId, graceHours });
export const disableSource = (sourceId: string): R<'sources/disable'> => call('sources/disable', { sourceId });

export const listDeadLetters = (p: P<'deadletters/list'> = {}): R<'deadletters/list'> => call('deadletters/list', p);
export const getDeadLetter = (id: string): R<'deadletters/get'> => call('deadletters/get', { id });
export const replayDeadLetter = (id: string): R<'deadletters/replay'> => call('deadletters/replay', { id });
export const discardDeadLetter = (id: string, note: string): R<'deadletters/discard'> =>
  call('deadletters/discard', { id, note });

export const listAudit = (p: P<'audit/list'> = {}): R<'audit/list'> => call('audit/list', p);

export const getSettings = (): R<'settings/get'> => call('settings/get', {});
export const setSettings = (p: P<'settings/set'>): R<'settings/set'> => call('settings/set', p);

export const getAlertPolicies = (): R<'alertPolicies/get'> => call('alertPolicies/get', {});
export const saveAlertPolicies = (p: P<'alertPolicies/saveDraft'>): R<'alertPolicies/saveDraft'> =>
  call('alertPolicies/saveDraft', p);
export const publishAlertPolicies = (): R<'alertPolicies/publish'> => call('alertPolicies/publish', {});

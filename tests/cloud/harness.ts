/**
 * Cloud functions under test run their TypeScript sources with the real wx-server-sdk bound to
 * a fresh in-memory local store: no hand-written SDK mock anywhere.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { User } from '../../cloudfunctions/core/model';
import { LOCAL_PUSH_SOURCE, SERVER_SOURCE } from '../../cloudfunctions/core/ingest/caller.policy';
import { bindCloud, runWithContext } from '../../devcloud/sdk/cloud.binding';
import { DocumentStore, KEFU_INDEXES, KEFU_SHAPES } from '../../devcloud/store/document.store';
import { forgetInstanceCaches } from '../../cloudfunctions/common/instance.cache';
import { afterAnswerSettled } from '../../cloudfunctions/common/after-answer.queue';

// Periodic review reports are written by every sweep once a month has closed: off here so other
// features' sweep tests see only their own writes; tests/cloud/reports.periodic.test.ts turns them on.
process.env.KEFU_PERIODIC_REPORTS ??= 'off';

// Opened as `npm start` opens it: with the project's indexes and declared shapes, so the tests
// go through the same SQL paths the local cloud uses.
export const store = DocumentStore.open(':memory:', { indexes: KEFU_INDEXES, shapes: KEFU_SHAPES });
export const binding = bindCloud(store);

// Imported after binding so the functions' module-level `cloud.init` meets the local cloud.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const api = require('../../cloudfunctions/api') as typeof import('../../cloudfunctions/api');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ingest = require('../../cloudfunctions/ingest') as typeof import('../../cloudfunctions/ingest');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sweep = require('../../cloudfunctions/sweep') as typeof import('../../cloudfunctions/sweep');

export function callApi(openid: string | undefined, data: Record<string, unknown>) {
  return runWithContext({ OPENID: openid, SOURCE: 'wx_client' }, () => api.main(data));
}

/** A customer-service message push, delivered as WeChat delivers it (OPENID = the sender). */
export function push(body: unknown) {
  const from = (body as { FromUserName?: string })?.FromUserName;
  return runWithContext({ OPENID: from, SOURCE: LOCAL_PUSH_SOURCE }, () => ingest.main(body));
}

/** `ingest` called by whoever `ctx` says (a client, the timer, a chain ending in `scf`, ...). */
export function callIngestAs(ctx: { SOURCE?: string; OPENID?: string }, event: unknown) {
  return runWithContext(ctx, () => ingest.main(event));
}

/** An import from a trusted server-side caller (the CLI, the demo seed). */
export function importAsServer(conversation: unknown) {
  return runWithContext({ SOURCE: SERVER_SOURCE }, () => ingest.main({ kind: 'import-conversation', conversation }));
}

/** The timer trigger, as the cloud fires it. */
export function runSweep() {
  return runWithContext({ SOURCE: 'wx_trigger' }, () => sweep.main());
}

export function callSweepAs(ctx: { SOURCE?: string; OPENID?: string }) {
  return runWithContext(ctx, () => sweep.main());
}

export function db() {
  return binding.db();
}

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'wechat', name), 'utf8'));
}

/** A push as WeChat would send it now (the documented examples carry 2016 timestamps). */
export function pushedNow(name: string, overrides: Record<string, unknown> = {}, at = Date.now()) {
  return { ...fixture(name), CreateTime: Math.floor(at / 1000), ...overrides };
}

export const TEAM = '售前一组';
export const USERS: User[] = [
  { _id: 'sup-1', role: 'supervisor', name: '林主管', team: TEAM },
  { _id: 'sup-2', role: 'supervisor', name: '黄主管', team: '售后二组' },
  { _id: 'agent-1', role: 'agent', name: '王晓雨', team: TEAM, agentId: 'kf001' },
  { _id: 'agent-2', role: 'agent', name: '赵敏', team: '售后二组', agentId: 'kf006' },
  { _id: 'insp-1', role: 'inspector', name: '质检员小何' },
  { _id: 'admin-1', role: 'admin', name: '管理员' },
];

export async function resetStore(users: User[] = USERS): Promise<void> {
  await afterAnswerSettled(); // a close or delivery a push queued must not run on the next test's store
  for (const c of store.listCollections()) store.dropCollection(c);
  forgetInstanceCaches();
  await runWithContext({ SOURCE: 'test' }, async () => {
    for (const { _id, ...rest } of users) await db().collection('users').doc(_id).set({ data: rest });
  });
}

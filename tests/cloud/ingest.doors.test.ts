/**
 * Every door × every caller: each entry point of `ingest` (mini-program push, WeCom callback,
 * signed HTTP API, import) and `sweep`, called as each caller the platform can present
 * (`cloud.getWXContext().SOURCE`), is either served or refused; a refusal writes nothing in any
 * collection. `api` is checked only as far as serving the mini-program client.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { callApi, callIngestAs, callSweepAs, db, pushedNow, resetStore, store } from './harness';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { signIngestRequest } from '../../cloudfunctions/common/events/signature';
import { LOCAL_PUSH_SOURCE, SERVER_SOURCE } from '../../cloudfunctions/core/ingest/caller.policy';
import { storeMessage } from '../../cloudfunctions/common/message.store';
import { startReplay, type Replay } from './wecom.replay';
import { SYNC_MSG_PATH } from '../../cloudfunctions/common/wecom/wecom.sync';
import { documentCounts } from './store.counts';
import { importRecord as conversationRecord } from './import.support';

const CUSTOMER = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const SECRET = 'doors-secret';
const CALLBACK_XML = readFileSync(join(__dirname, '..', 'fixtures', 'wechat', 'wecom-kf-callback.xml'), 'utf8');

interface Caller {
  name: string;
  ctx: { SOURCE?: string; OPENID?: string };
}

/** Who can call a function, as getWXContext() reports it. */
const CALLERS: Caller[] = [
  { name: 'mini-program client (registered user)', ctx: { SOURCE: 'wx_client', OPENID: 'admin-1' } },
  { name: 'mini-program client (the customer themself)', ctx: { SOURCE: 'wx_client', OPENID: CUSTOMER } },
  { name: 'mini-program client (stranger)', ctx: { SOURCE: 'wx_client', OPENID: 'o-stranger' } },
  { name: 'WeChat DevTools', ctx: { SOURCE: 'wx_devtools', OPENID: 'o-dev' } },
  { name: 'DevTools local debugging', ctx: { SOURCE: 'wx_localdebug', OPENID: 'o-dev' } },
  { name: 'mini-program crawler', ctx: { SOURCE: 'wx_crawler' } },
  { name: 'client through another function', ctx: { SOURCE: 'wx_client,scf', OPENID: 'o-stranger' } },
  { name: 'no SOURCE at all', ctx: {} },
  { name: 'timer', ctx: { SOURCE: 'wx_trigger' } },
  { name: 'function called by a timer function', ctx: { SOURCE: 'wx_trigger,scf' } },
  { name: 'HTTP (server with access token / HTTP access service)', ctx: { SOURCE: SERVER_SOURCE } },
  { name: 'function called by a server', ctx: { SOURCE: `${SERVER_SOURCE},scf` } },
  { name: 'customer-service message push', ctx: { SOURCE: LOCAL_PUSH_SOURCE, OPENID: CUSTOMER } },
];

const CLIENT_LIKE = new Set([
  'mini-program client (registered user)',
  'mini-program client (the customer themself)',
  'mini-program client (stranger)',
  'WeChat DevTools',
  'DevTools local debugging',
  'mini-program crawler',
  'client through another function',
  'no SOURCE at all',
]);

function snapshot(): Record<string, number> {
  return documentCounts(store);
}

function signedApi(valid: boolean) {
  const body = JSON.stringify({
    source: 'doors',
    events: [{ id: 'd1', kind: 'message', at: Date.now(), customerId: 'c-api', role: 'customer', text: '你好' }],
  });
  const headers = signIngestRequest('doors', valid ? SECRET : 'wrong-secret', body);
  return { httpMethod: 'POST', path: '/ingest/events', headers, body, isBase64Encoded: false };
}

function importRecord() {
  const at = Date.now() - 3_600_000;
  return {
    kind: 'import-conversation',
    conversation: conversationRecord('imp-doors', 'c-import', [
      { at, text: '你好' },
      { at: at + 30_000, text: '您好，请问有什么可以帮您？' },
    ]),
  };
}

const wecomCallback = () => ({
  httpMethod: 'POST',
  path: '/push/wecom',
  body: CALLBACK_XML,
  isBase64Encoded: false,
  queryStringParameters: {},
});

interface Door {
  name: string;
  event: () => unknown;
  /** When served: what the answer looks like. */
  servedAnswer: (answer: unknown) => void;
  /** Whether a served call writes (a bad signature is served with a 401 and writes nothing). */
  writesWhenServed: boolean;
}

const DOORS: Door[] = [
  {
    name: 'mini-program push',
    event: () => pushedNow('mp-kf-text.json', { FromUserName: CUSTOMER }),
    servedAnswer: (a) => expect(a).toBe('success'),
    writesWhenServed: true,
  },
  {
    name: 'WeCom callback',
    event: wecomCallback,
    servedAnswer: (a) => expect(a).toBe('success'),
    writesWhenServed: true,
  },
  {
    name: 'signed HTTP API, valid signature',
    event: () => signedApi(true),
    servedAnswer: (a) => expect(a).toMatchObject({ statusCode: 200 }),
    writesWhenServed: true,
  },
  {
    name: 'signed HTTP API, wrong signature',
    event: () => signedApi(false),
    servedAnswer: (a) => expect(a).toMatchObject({ statusCode: 401 }),
    writesWhenServed: false,
  },
  {
    name: 'import',
    event: importRecord,
    servedAnswer: (a) => expect(a).toMatchObject({ ok: true, outcome: 'stored' }),
    writesWhenServed: true,
  },
];

let replay: Replay;
beforeEach(async () => {
  process.env.KEFU_INGEST_SECRETS = `doors:${SECRET}`;
  replay = await startReplay({ '/cgi-bin/gettoken': ['gettoken'], [SYNC_MSG_PATH]: ['sync-page-2'] });
  process.env.WECOM_API_BASE = replay.baseUrl;
  process.env.WECOM_CORP_ID = 'ww_corp';
  process.env.WECOM_KF_SECRET = 'kf_secret';
  delete process.env.WECOM_CALLBACK_TOKEN;
  delete process.env.WECOM_ENCODING_AES_KEY;
  await resetStore();
});
afterEach(async () => {
  await replay.close();
  delete process.env.KEFU_INGEST_SECRETS;
  delete process.env.WECOM_API_BASE;
});

/** `ingest` serves everything that does not start at a client, except the timer firing it directly. */
function ingestServes(caller: Caller): boolean {
  return !CLIENT_LIKE.has(caller.name) && caller.ctx.SOURCE !== 'wx_trigger';
}

describe('ingest: every door × every caller', () => {
  for (const door of DOORS) {
    for (const caller of CALLERS) {
      const served = ingestServes(caller);
      const label = !served
        ? 'refused, nothing written'
        : door.writesWhenServed
          ? 'served'
          : 'answered 401, nothing written';
      test(`${door.name} from ${caller.name}: ${label}`, async () => {
        const before = snapshot();
        const answer = await callIngestAs(caller.ctx, door.event());
        if (served) {
          door.servedAnswer(answer);
          if (door.writesWhenServed) expect(snapshot()).not.toEqual(before);
          else expect(snapshot()).toEqual(before);
        } else {
          expect(answer).toMatchObject({ ok: false, code: 'CALLER.REFUSED', message: expect.any(String) });
          expect(snapshot()).toEqual(before);
          expect(replay.requests).toHaveLength(0); // not even WeCom was asked
        }
      });
    }
  }

  test('a push whose sender is not the OPENID WeChat names is refused as forged, nothing written', async () => {
    const before = snapshot();
    const forged = pushedNow('mp-kf-text.json', { FromUserName: 'o-victim' });
    const answer = await callIngestAs({ SOURCE: LOCAL_PUSH_SOURCE, OPENID: 'o-attacker' }, forged);
    expect(answer).toMatchObject({ code: 'CALLER.REFUSED' });
    expect(snapshot()).toEqual(before);
  });
});

describe('sweep: every caller', () => {
  async function idleSession(): Promise<void> {
    await runWithContext({ SOURCE: 'test' }, () =>
      storeMessage({
        _id: 'idle-1',
        channel: 'mp-kf',
        role: 'customer',
        type: 'text',
        text: '在吗',
        at: Date.now() - 40 * 60_000,
        customerId: 'c-idle',
      }),
    );
  }

  for (const caller of CALLERS) {
    const served = caller.ctx.SOURCE === 'wx_trigger';
    test(`from ${caller.name}: ${served ? 'runs' : 'refused, nothing written'}`, async () => {
      await idleSession();
      const before = snapshot();
      const answer = await callSweepAs(caller.ctx);
      if (served) {
        expect(answer).toEqual({ closed: 1, failed: 0 });
        expect(snapshot()).not.toEqual(before);
      } else {
        expect(answer).toMatchObject({ ok: false, code: 'CALLER.REFUSED' });
        expect(snapshot()).toEqual(before);
        const { data } = (await db().collection('sessions').get()) as unknown as { data: { status: string }[] };
        expect(data.map((s) => s.status)).toEqual(['open']);
      }
    });
  }
});

describe('api serves the mini-program client', () => {
  test('a registered user calling from the mini-program is answered', async () => {
    await expect(callApi('admin-1', { action: 'me/get' })).resolves.toMatchObject({ ok: true });
  });
});

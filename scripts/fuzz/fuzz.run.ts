/**
 * The fuzzer: generated malformed and hostile inputs against every entry point, run in-process
 * against the real functions (TypeScript sources), the real wx-server-sdk and a fresh in-memory
 * local store. An input's outcome is the answer it got, read as a stable code (an `api` error
 * code, an HTTP status with its code, `success` for a push or callback that was stored or
 * dead-lettered); a **crash** is a function that threw, answered `INTERNAL`/500, or left an
 * unhandled rejection. Afterwards the store is checked: nothing stored that the schema would
 * refuse (operator keys, over-long or unmasked text, broken sessions).
 */
import { readFileSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { ACTION_ACCESS, type ActionName } from '../../cloudfunctions/core/api.contract';
import { containsRawPii } from '../../cloudfunctions/core/privacy/pii.mask';
import { signIngestRequest } from '../../cloudfunctions/common/events/signature';
import { encryptWecom, wecomSignature } from '../../cloudfunctions/common/wecom/wecom.crypto';
import { bindCloud, runWithContext, type CloudBinding } from '../../devcloud/sdk/cloud.binding';
import { DocumentStore, KEFU_INDEXES, KEFU_SHAPES } from '../../devcloud/store/document.store';
import { createRng, hostileString, hostileValue, mutate, operatorObject, type Rng } from './hostile.values';

const ROOT = join(__dirname, '..', '..');
const INGEST_SECRET = { source: 'fuzz-crm', secret: 'fuzz-secret' };
const WECOM = {
  token: 'fuzz_token',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  receiveId: 'ww_fuzz',
};
const USERS = [
  { _id: 'fz-admin', role: 'admin', name: '管理员' },
  { _id: 'fz-sup', role: 'supervisor', name: '主管', team: '售前一组' },
  { _id: 'fz-insp', role: 'inspector', name: '质检员' },
  { _id: 'fz-agent', role: 'agent', name: '坐席', team: '售前一组', agentId: 'kf001' },
];

type Fn = (event: unknown) => Promise<unknown>;

export interface FuzzWorld {
  binding: CloudBinding;
  api: Fn;
  ingest: Fn;
  close(): Promise<void>;
}

/**
 * A stand-in for WeCom's API (WeChat's servers cannot run here): a callback that passes every
 * check makes `ingest` pull `kf/sync_msg`, and this answers with the recorded page mutated into
 * hostile messages, so the sync path is fuzzed too. Its answers keep WeCom's envelope (a JSON
 * object, errcode 0): what is hostile is the content.
 */
async function fakeWecomApi(seed: number): Promise<Server> {
  const rng = createRng(seed);
  const page = JSON.parse(
    readFileSync(join(ROOT, 'tests', 'fixtures', 'wechat', 'wecom-kf-sync-msg-response.json'), 'utf8'),
  ) as { msg_list: unknown[] };
  let n = 0;
  const server = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url?.startsWith('/cgi-bin/gettoken')) {
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: 'FUZZ_TOKEN', expires_in: 7200 }));
      return;
    }
    req.resume();
    req.on('end', () => {
      const msgList = page.msg_list.map((m) => {
        const item = { ...(m as object), msgid: `fz_${++n}` };
        return rng.chance(0.6) ? mutate(item, rng) : item;
      });
      const answer = {
        errcode: 0,
        errmsg: 'ok',
        next_cursor: rng.chance(0.9) ? `C${n}` : hostileString(rng),
        has_more: 0,
        msg_list: msgList,
      };
      let body: string;
      try {
        body = JSON.stringify(answer);
      } catch {
        body = JSON.stringify({ ...answer, msg_list: [] });
      }
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

/** A fresh local cloud with the functions loaded (their module-level `cloud.init` meets it). */
export async function openFuzzWorld(seed = 1): Promise<FuzzWorld> {
  const wecom = await fakeWecomApi(seed);
  process.env.KEFU_INGEST_SECRETS = `${INGEST_SECRET.source}:${INGEST_SECRET.secret}`;
  process.env.WECOM_CALLBACK_TOKEN = WECOM.token;
  process.env.WECOM_ENCODING_AES_KEY = WECOM.encodingAesKey;
  process.env.WECOM_CORP_ID = WECOM.receiveId;
  process.env.WECOM_KF_SECRET = 'fuzz_kf_secret';
  process.env.WECOM_API_BASE = `http://127.0.0.1:${(wecom.address() as AddressInfo).port}`;
  const binding = bindCloud(DocumentStore.open(':memory:', { indexes: KEFU_INDEXES, shapes: KEFU_SHAPES }));
  /* eslint-disable @typescript-eslint/no-require-imports */
  const api = require('../../cloudfunctions/api') as { main: Fn };
  const ingest = require('../../cloudfunctions/ingest') as { main: Fn };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    binding,
    api: api.main,
    ingest: ingest.main,
    close: () => new Promise<void>((r) => wecom.close(() => r())),
  };
}

interface Entry {
  name: string;
  /** One generated input, delivered; resolves to its outcome label. */
  run(rng: Rng): Promise<string>;
}

export interface FuzzOptions {
  perEntry: number;
  seed: number;
  /** Progress lines (the CLI prints them; tests stay quiet). */
  log?: (line: string) => void;
}

export interface FuzzReport {
  inputs: number;
  crashes: number;
  invalidStored: number;
  byEntry: Record<string, { inputs: number; crashes: number; outcomes: Record<string, number> }>;
  crashSamples: string[];
  invalidSamples: string[];
}

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'wechat', name), 'utf8')) as Record<string, unknown>;

/** The input being delivered, for the crash samples. */
let lastInput = '';
/** Notes the input as it is before delivery: the code under test may change the object it is given. */
function deliver<T>(input: T): T {
  lastInput = summary(input);
  return input;
}

function summary(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 60)}…` : v)) ??
      String(value)
    ).slice(0, 400);
  } catch {
    return `(${typeof value})`;
  }
}

/** What an answer says, as a stable label; `crash:` when it is an internal failure. */
function outcomeOf(answer: unknown): string {
  // `success` (stored or dead-lettered) or, for a WeCom URL check, the decrypted echo string.
  if (typeof answer === 'string') return answer === 'success' ? answer : 'echo (URL check)';
  if (answer && typeof answer === 'object') {
    const a = answer as { ok?: boolean; code?: string; statusCode?: number; body?: string };
    if (typeof a.statusCode === 'number') {
      let code = '';
      try {
        code = (JSON.parse(a.body ?? '{}') as { code?: string }).code ?? '';
      } catch {
        code = 'non-json';
      }
      return a.statusCode >= 500
        ? `crash:http ${a.statusCode} ${code}`
        : `http ${a.statusCode}${code ? ` ${code}` : ''}`;
    }
    if (a.ok === false && typeof a.code === 'string')
      return a.code === 'INTERNAL' ? 'crash:INTERNAL' : `error ${a.code}`;
    if (a.ok === true) return 'ok';
  }
  return `crash:unexpected answer ${typeof answer}`;
}

function entries(world: FuzzWorld, ids: () => string[]): Entry[] {
  const text = fixture('mp-kf-text.json');
  const pushSeeds = [
    text,
    fixture('mp-kf-image.json'),
    fixture('mp-kf-miniprogrampage.json'),
    fixture('mp-kf-enter-session.json'),
  ];
  const importSeed = {
    id: 'fz-imp',
    channel: 'import',
    customerId: 'fz-cust',
    agentId: 'kf001',
    messages: [
      { role: 'customer', at: '2026-12-01T10:00:00+08:00', text: '你好，退款什么时候到' },
      { role: 'agent', at: '2026-12-01T10:00:30+08:00', text: '您好，1-3个工作日到账' },
    ],
  };
  const eventSeeds = [
    { id: 'm1', kind: 'message', at: Date.now(), customerId: 'c-1', role: 'customer', text: '我的订单还没发货' },
    { id: 'r1', kind: 'rating', at: Date.now(), customerId: 'c-1', csat: 5 },
    { id: 'op1', kind: 'agent-op', at: Date.now(), op: 'accept', customerId: 'c-1', agentId: 'kf001' },
    {
      id: 'c1',
      kind: 'call',
      callId: 'call-1',
      agentId: 'kf001',
      customerId: 'c-1',
      startedAt: Date.now() - 60_000,
      endedAt: Date.now(),
      segments: [{ speaker: 'customer', startMs: 0, endMs: 2000, text: '喂，你好' }],
    },
  ];
  const actions = Object.keys(ACTION_ACCESS) as ActionName[];
  const paramNames = [
    'sessionId',
    'alertId',
    'noticeId',
    'id',
    'reviewId',
    'appealId',
    'planId',
    'taskId',
    'roundId',
    'caseId',
    'limit',
    'skip',
    'status',
    'text',
    'to',
    'note',
    'agentId',
    'team',
    'templateId',
    'accepted',
    'label',
    'policies',
    'storm',
    'conversation',
    'key',
    'verdict',
    'items',
    'severity',
    'replayed',
    'unreadOnly',
  ];
  let uniq = 0;
  const fresh = () => `fz${++uniq}`;

  return [
    {
      name: 'push (mini-program customer service)',
      async run(rng) {
        const base = { ...rng.pick(pushSeeds), MsgId: 9_000_000 + uniq, FromUserName: `oFz${rng.int(0, 30)}` };
        const body = rng.chance(0.1) ? hostileValue(rng) : mutate(base, rng);
        const from = (body as { FromUserName?: unknown } | null)?.FromUserName;
        const ctx = { OPENID: typeof from === 'string' ? from : 'oFz0', SOURCE: 'wx_msgpush' };
        return outcomeOf(await runWithContext(ctx, () => world.ingest(deliver(body))));
      },
    },
    {
      name: 'WeCom callback',
      async run(rng) {
        const inner = rng.chance(0.5)
          ? `<xml><ToUserName><![CDATA[ww_fuzz]]></ToUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[${hostileString(rng).slice(0, 200)}]]></Token><OpenKfId><![CDATA[${rng.chance(0.5) ? 'wkFUZZ' : hostileString(rng).slice(0, 200)}]]></OpenKfId></xml>`
          : hostileString(rng);
        const encrypted = rng.chance(0.8) ? encryptWecom(WECOM, inner) : hostileString(rng);
        const timestamp = rng.chance(0.8) ? '1700000000' : hostileString(rng);
        const nonce = 'n0nce';
        const valid = {
          httpMethod: rng.pick(['POST', 'GET', 'PUT']),
          queryStringParameters: {
            msg_signature: rng.chance(0.8)
              ? wecomSignature(WECOM.token, timestamp, nonce, encrypted)
              : hostileString(rng),
            timestamp,
            nonce,
            ...(rng.chance(0.1) ? { echostr: encrypted } : {}),
          },
          body: `<xml><ToUserName><![CDATA[ww_fuzz]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
        };
        const event = rng.chance(0.3) ? mutate(valid, rng) : valid;
        return outcomeOf(await runWithContext({ SOURCE: 'wx_http' }, () => world.ingest(deliver(event))));
      },
    },
    {
      name: 'signed ingest API',
      async run(rng) {
        const events = Array.from({ length: rng.int(1, 4) }, () => {
          const seed = { ...rng.pick(eventSeeds), id: fresh() };
          return rng.chance(0.6) ? mutate(seed, rng) : seed;
        });
        const batch = rng.chance(0.9) ? { source: INGEST_SECRET.source, events } : mutate({ source: 'x', events }, rng);
        let raw: string;
        try {
          raw = rng.chance(0.05) ? hostileString(rng) : JSON.stringify(batch);
        } catch {
          raw = '{"source":"fuzz-crm","events":[]}'; // BigInt or cycles cannot be sent as JSON
        }
        const headers = rng.chance(0.85)
          ? signIngestRequest(INGEST_SECRET.source, INGEST_SECRET.secret, raw)
          : (mutate(signIngestRequest(INGEST_SECRET.source, INGEST_SECRET.secret, raw), rng) as Record<string, string>);
        const event = {
          httpMethod: 'POST',
          headers,
          body: raw,
          ...(rng.chance(0.05) ? { isBase64Encoded: true } : {}),
        };
        return outcomeOf(
          await runWithContext({ SOURCE: 'wx_http' }, () =>
            world.ingest(rng.chance(0.05) ? mutate(event, rng) : event),
          ),
        );
      },
    },
    {
      name: 'api (every action)',
      async run(rng) {
        const action = rng.chance(0.03) ? hostileValue(rng) : actions[uniq++ % actions.length];
        const params: Record<string, unknown> = {};
        for (let i = rng.int(0, 4); i > 0; i--) {
          const name = rng.pick(paramNames);
          const known = ids();
          params[name] =
            rng.chance(0.3) && known.length
              ? rng.pick(known)
              : rng.chance(0.2)
                ? operatorObject(rng)
                : hostileValue(rng);
        }
        const openid = rng.chance(0.9) ? rng.pick(USERS)._id : rng.pick([undefined, 'o-stranger', hostileString(rng)]);
        const event = rng.chance(0.05) ? hostileValue(rng) : { action, ...params };
        return outcomeOf(
          await runWithContext({ OPENID: openid, SOURCE: 'wx_client' }, () => world.api(deliver(event))),
        );
      },
    },
    {
      name: 'import files (conversation records)',
      async run(rng) {
        const record = rng.chance(0.1) ? hostileValue(rng) : mutate({ ...importSeed, id: fresh() }, rng, rng.int(1, 4));
        const viaApi = rng.chance(0.5);
        const answer = viaApi
          ? await runWithContext({ OPENID: 'fz-admin', SOURCE: 'wx_client' }, () =>
              world.api(deliver({ action: 'conversations/import', conversation: record })),
            )
          : await runWithContext({ SOURCE: 'wx_http' }, () =>
              world.ingest(deliver({ kind: 'import-conversation', conversation: record })),
            );
        return outcomeOf(answer);
      },
    },
  ];
}

/** Every stored document of a collection. */
async function everything(world: FuzzWorld, collection: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const coll = world.binding.db().collection(collection);
  for (let skip = 0; ; skip += 1000) {
    const { data } = (await runWithContext({ SOURCE: 'wx_http' }, () => coll.skip(skip).limit(1000).get())) as {
      data: Record<string, unknown>[];
    };
    out.push(...data);
    if (data.length < 1000) return out;
  }
}

function operatorKeys(value: unknown, path: string, found: string[], depth = 0): void {
  if (depth > 60 || value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) found.push(`${path}.${k}`);
    operatorKeys(v, `${path}.${k}`, found, depth + 1);
  }
}

/** Stored documents the schema would refuse. `deadLetters` keep raw input by design (masked). */
async function invalidStored(world: FuzzWorld): Promise<string[]> {
  const bad: string[] = [];
  for (const coll of ['messages', 'sessions', 'scores', 'alerts', 'events', 'auditLog']) {
    for (const doc of await everything(world, coll)) {
      const keys: string[] = [];
      operatorKeys(doc, `${coll}/${String(doc._id)}`, keys);
      bad.push(...keys.map((k) => `operator key stored: ${k}`));
    }
  }
  for (const m of await everything(world, 'messages')) {
    const id = `messages/${String(m._id)}`;
    if (typeof m.text !== 'string') bad.push(`${id}: text is ${typeof m.text}`);
    else {
      if (m.text.length > 10_000) bad.push(`${id}: text of ${m.text.length} characters`);
      if (containsRawPii(m.text)) bad.push(`${id}: unmasked personal data`);
    }
    if (!['customer', 'agent', 'bot', 'system'].includes(String(m.role))) bad.push(`${id}: role ${String(m.role)}`);
    if (typeof m.at !== 'number' || !Number.isFinite(m.at)) bad.push(`${id}: at ${String(m.at)}`);
    if (typeof m.sessionId !== 'string') bad.push(`${id}: no session`);
  }
  for (const s of await everything(world, 'sessions')) {
    const id = `sessions/${String(s._id)}`;
    if (typeof s.customerId !== 'string' || !s.customerId) bad.push(`${id}: customerId ${String(s.customerId)}`);
    if (!Array.isArray(s.agentIds) || s.agentIds.some((a) => typeof a !== 'string')) bad.push(`${id}: agentIds`);
    if (typeof s.startedAt !== 'number' || typeof s.lastAt !== 'number') bad.push(`${id}: times`);
    if (s.preview && containsRawPii(String((s.preview as { text?: unknown }).text)))
      bad.push(`${id}: unmasked preview`);
  }
  return bad;
}

export async function runFuzz(world: FuzzWorld, options: FuzzOptions): Promise<FuzzReport> {
  const rng = createRng(options.seed);
  const db = world.binding.db();
  await runWithContext({ SOURCE: 'wx_http' }, async () => {
    for (const { _id, ...fields } of USERS) await db.collection('users').doc(_id).set({ data: fields });
  });
  // Real records to aim at, so some inputs get past "not found" into the actions' own checks.
  const knownIds: string[] = [];
  const refreshIds = async () => {
    knownIds.length = 0;
    for (const coll of ['sessions', 'alerts', 'notices', 'deadLetters']) {
      const { data } = (await runWithContext({ SOURCE: 'wx_http' }, () => db.collection(coll).limit(20).get())) as {
        data: { _id: string }[];
      };
      knownIds.push(...data.map((d) => d._id));
    }
  };

  let unhandled = 0;
  const onUnhandled = () => void unhandled++;
  process.on('unhandledRejection', onUnhandled);
  const report: FuzzReport = {
    inputs: 0,
    crashes: 0,
    invalidStored: 0,
    byEntry: {},
    crashSamples: [],
    invalidSamples: [],
  };
  try {
    for (const entry of entries(world, () => knownIds)) {
      const row = { inputs: 0, crashes: 0, outcomes: {} as Record<string, number> };
      report.byEntry[entry.name] = row;
      const before = unhandled;
      for (let i = 0; i < options.perEntry; i++) {
        if (i % 500 === 0) await refreshIds();
        let outcome: string;
        let message = '';
        try {
          outcome = await entry.run(rng);
        } catch (e) {
          const err = e as { name?: string; code?: string; message?: string };
          outcome = `crash:threw ${err?.name ?? typeof e}${err?.code ? ` ${err.code}` : ''}`;
          message = ` (${String(err?.message ?? e).slice(0, 160)})`;
        }
        row.inputs++;
        if (outcome.startsWith('crash:')) {
          row.crashes++;
          if (report.crashSamples.length < 20) {
            report.crashSamples.push(`${entry.name} #${i} ${outcome}${message}: ${lastInput}`);
          }
        }
        row.outcomes[outcome] = (row.outcomes[outcome] ?? 0) + 1;
        if ((i + 1) % 2000 === 0) options.log?.(`${entry.name}: ${i + 1} inputs`);
      }
      // Rejections that surface after their input returned still count against the entry.
      await new Promise((r) => setTimeout(r, 50));
      row.crashes += unhandled - before;
      if (unhandled > before) row.outcomes['crash:unhandled rejection'] = unhandled - before;
      report.inputs += row.inputs;
      report.crashes += row.crashes;
    }
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  const invalid = await invalidStored(world);
  report.invalidStored = invalid.length;
  report.invalidSamples = invalid.slice(0, 20);
  return report;
}

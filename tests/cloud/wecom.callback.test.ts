import { db, resetStore } from './harness';
import { createCipheriv, randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import type { Message } from '../../cloudfunctions/core/model';
import { isWecomCallback } from '../../cloudfunctions/core/ingest/wecom-kf.parse';
import { createWecomClient } from '../../cloudfunctions/common/wecom/wecom.client';
import { handleWecomCallback } from '../../cloudfunctions/common/wecom/wecom.callback';
import {
  answerUrlVerification,
  decryptWecom,
  encryptWecom,
  verifyWecomSignature,
  wecomSignature,
  type WecomCallbackSecrets,
} from '../../cloudfunctions/common/wecom/wecom.crypto';
import { SYNC_MSG_PATH } from '../../cloudfunctions/common/wecom/wecom.sync';
import { startReplay, type Replay } from './wecom.replay';

const SECRETS: WecomCallbackSecrets = {
  token: 'callback_token',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  receiveId: 'ww_corp',
};
const CALLBACK_XML = readFileSync(join(__dirname, '..', 'fixtures', 'wechat', 'wecom-kf-callback.xml'), 'utf8').replace(
  'wkxxxxxxx',
  'wkSHOP',
);

/** WeCom's envelope built without the code under test: AES-256-CBC, PKCS#7 to 32-byte blocks. */
function independentlyEncrypted(message: string, receiveId = SECRETS.receiveId): string {
  const key = Buffer.from(`${SECRETS.encodingAesKey}=`, 'base64');
  const body = Buffer.from(message);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const raw = Buffer.concat([randomBytes(16), len, body, Buffer.from(receiveId)]);
  const pad = 32 - (raw.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([raw, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
    'base64',
  );
}

/** A callback as a cloud function's HTTP trigger receives it. */
function httpEvent(encrypted: string, signature?: string) {
  const timestamp = '1700000000';
  const nonce = 'n0nce';
  return {
    httpMethod: 'POST',
    isBase64Encoded: false,
    queryStringParameters: {
      msg_signature: signature ?? wecomSignature(SECRETS.token, timestamp, nonce, encrypted),
      timestamp,
      nonce,
    },
    body: `<xml><ToUserName><![CDATA[ww_corp]]></ToUserName><AgentID><![CDATA[]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  };
}

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

let replay: Replay;
const inCloud = <T>(fn: () => Promise<T>) => runWithContext({ SOURCE: 'wx_http' }, fn);
const clientFor = (r: Replay) => createWecomClient({ baseUrl: r.baseUrl, corpId: 'ww_corp', secret: 'kf_secret' });

beforeEach(async () => {
  await resetStore();
  replay = await startReplay({ '/cgi-bin/gettoken': ['gettoken'], [SYNC_MSG_PATH]: ['sync-page-2'] });
});
afterEach(() => replay.close());

const OFFICIAL = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'wecom', 'official-crypto-vector.json'), 'utf8'),
) as { secrets: WecomCallbackSecrets; urlCheck: Record<string, string>; message: Record<string, string> };

describe('WeCom callback crypto', () => {
  it('answers the URL check of the official sample', () => {
    expect(answerUrlVerification(OFFICIAL.secrets, OFFICIAL.urlCheck)).toBe(OFFICIAL.urlCheck.answer);
  });

  it('verifies and decrypts the message of the official sample', () => {
    const { encrypt, ...query } = OFFICIAL.message;
    expect(() => verifyWecomSignature(OFFICIAL.secrets, query, encrypt)).not.toThrow();
    const xml = decryptWecom(OFFICIAL.secrets, encrypt);
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(xml).toContain('<MsgId>4561255354251345929</MsgId>');
  });

  it('rejects the official message under another timestamp', () => {
    const { encrypt, ...query } = OFFICIAL.message;
    expect(() => verifyWecomSignature(OFFICIAL.secrets, { ...query, timestamp: '1409659814' }, encrypt)).toThrow(
      expect.objectContaining({ code: 'INGEST.BAD_SIGNATURE' }),
    );
  });

  it('decrypts an envelope made by an independent implementation', () => {
    expect(decryptWecom(SECRETS, independentlyEncrypted('<xml>你好</xml>'))).toBe('<xml>你好</xml>');
  });

  it('round-trips its own encryption for every padding length', () => {
    for (let n = 0; n < 40; n++) {
      const message = 'x'.repeat(n);
      expect(decryptWecom(SECRETS, encryptWecom(SECRETS, message))).toBe(message);
    }
  });

  it('refuses a message addressed to another corp', () => {
    expect(() => decryptWecom(SECRETS, independentlyEncrypted('<xml/>', 'ww_other'))).toThrow(
      expect.objectContaining({ code: 'INGEST.BAD_SIGNATURE' }),
    );
  });

  it('answers the console URL check with the decrypted echostr', () => {
    const echostr = independentlyEncrypted('4810452306452069');
    const query = {
      msg_signature: wecomSignature(SECRETS.token, '1', '2', echostr),
      timestamp: '1',
      nonce: '2',
      echostr,
    };
    expect(answerUrlVerification(SECRETS, query)).toBe('4810452306452069');
  });
});

describe('handleWecomCallback', () => {
  it('opens a signed, encrypted callback and pulls its messages', async () => {
    const event = httpEvent(independentlyEncrypted(CALLBACK_XML));
    expect(isWecomCallback(event)).toBe(true);
    const outcome = await inCloud(() => handleWecomCallback(event, { secrets: SECRETS, client: clientFor(replay) }));
    expect(outcome).toMatchObject({ kind: 'synced', openKfId: 'wkSHOP', result: { pages: 1, stored: 4 } });
    expect(replay.to(SYNC_MSG_PATH)[0].body).toMatchObject({
      token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      open_kfid: 'wkSHOP',
    });
    const messages = await inCloud(
      async () => ((await db().collection('messages').get()) as unknown as { data: Message[] }).data,
    );
    expect(messages).toHaveLength(4);
  });

  it('refuses a callback whose signature does not match, without calling WeCom', async () => {
    const event = httpEvent(independentlyEncrypted(CALLBACK_XML), 'f'.repeat(40));
    const e = await rejection(
      inCloud(() => handleWecomCallback(event, { secrets: SECRETS, client: clientFor(replay) })),
    );
    expect(e.code).toBe('INGEST.BAD_SIGNATURE');
    expect(replay.requests).toHaveLength(0);
  });

  it('refuses a plaintext callback once the callback secrets are configured', async () => {
    const e = await rejection(
      inCloud(() => handleWecomCallback(CALLBACK_XML, { secrets: SECRETS, client: clientFor(replay) })),
    );
    expect(e.code).toBe('INGEST.BAD_SIGNATURE');
  });

  it('accepts a plaintext callback on the local cloud, where no secrets are set', async () => {
    const outcome = await inCloud(() =>
      handleWecomCallback(CALLBACK_XML, { secrets: null, client: clientFor(replay) }),
    );
    expect(outcome).toMatchObject({ kind: 'synced', result: { stored: 4 } });
  });

  it('answers the URL check sent as an HTTP GET', async () => {
    const echostr = independentlyEncrypted('echo-123');
    const event = {
      httpMethod: 'GET',
      queryStringParameters: {
        msg_signature: wecomSignature(SECRETS.token, '1', '2', echostr),
        timestamp: '1',
        nonce: '2',
        echostr,
      },
    };
    expect(isWecomCallback(event)).toBe(true);
    await expect(handleWecomCallback(event, { secrets: SECRETS })).resolves.toEqual({
      kind: 'url-verified',
      echo: 'echo-123',
    });
  });

  it('fails loudly (so WeCom retries) when an encrypted callback meets a missing key', async () => {
    const e = await rejection(
      inCloud(() => handleWecomCallback(httpEvent(independentlyEncrypted(CALLBACK_XML)), { secrets: null })),
    );
    expect(e).not.toHaveProperty('code');
    expect(e.message).toMatch(/WECOM_ENCODING_AES_KEY/);
  });
});

import { db } from './harness';
import { SECRET, SOURCE, counts, json, post, resetWithSecrets, signedPost } from './events.support';
import { handleIngestHttp } from '../../cloudfunctions/common/events/events.http';
import { signIngestRequest, signatureFor } from '../../cloudfunctions/common/events/signature';
import { messageEvent } from '../core/ingest/events.factories';
import { signedCurl } from '../../scripts/sign-ingest';

const body = JSON.stringify({ source: SOURCE, events: [messageEvent({ at: Date.now() })] });
const nothingStored = { messages: 0, sessions: 0, events: 0, deadLetters: 0, scores: 0 };

beforeEach(() => resetWithSecrets());

async function expectRefused(answer: Awaited<ReturnType<typeof post>>, code: string): Promise<void> {
  expect(answer.statusCode).toBe(401);
  expect(json(answer)).toMatchObject({ ok: false, code });
  expect(await counts()).toEqual(nothingStored);
}

describe('signed requests', () => {
  test('a correctly signed batch is accepted', async () => {
    const answer = await signedPost(body);
    expect(answer.statusCode).toBe(200);
    expect(json(answer).data.counts).toMatchObject({ stored: 1 });
  });

  test('headers are matched whatever their case', async () => {
    const headers = Object.fromEntries(
      Object.entries(signIngestRequest(SOURCE, SECRET, body)).map(([k, v]) => [k.toLowerCase(), v]),
    );
    expect((await post(body, headers)).statusCode).toBe(200);
  });

  test('an unsigned request is refused and stores nothing', async () => {
    await expectRefused(await post(body, {}), 'INGEST.UNSIGNED');
  });

  test('a request signed more than 300 s ago is refused', async () => {
    await expectRefused(
      await post(body, signIngestRequest(SOURCE, SECRET, body, Date.now() - 301_000)),
      'INGEST.STALE',
    );
  });

  test('a request signed with another secret is refused', async () => {
    await expectRefused(await post(body, signIngestRequest(SOURCE, 'not-the-secret', body)), 'INGEST.BAD_SIGNATURE');
  });

  test('a body changed after signing is refused', async () => {
    const headers = signIngestRequest(SOURCE, SECRET, body);
    await expectRefused(await post(body.replace('你好', '您好'), headers), 'INGEST.BAD_SIGNATURE');
  });

  test('a source nobody registered is answered exactly like a wrong signature (no hint which sources exist)', async () => {
    const unknown = await post(body, signIngestRequest('stranger', SECRET, body));
    const wrong = await post(body, signIngestRequest(SOURCE, 'not-the-secret', body));
    await expectRefused(unknown, 'INGEST.BAD_SIGNATURE');
    expect(unknown.body).toBe(wrong.body);
  });

  test('a timestamp with a leading zero is refused as stale, even correctly signed', async () => {
    const ts = `0${Math.floor(Date.now() / 1000)}`;
    const headers = {
      'X-Kefu-Source': SOURCE,
      'X-Kefu-Timestamp': ts,
      'X-Kefu-Signature': signatureFor(SECRET, ts, body),
    };
    await expectRefused(await post(body, headers), 'INGEST.STALE');
  });

  test('a signature that is not hex is refused as a bad signature', async () => {
    const headers = { ...signIngestRequest(SOURCE, SECRET, body), 'X-Kefu-Signature': 'not-hex' };
    await expectRefused(await post(body, headers), 'INGEST.BAD_SIGNATURE');
  });

  test('the timestamp is part of what is signed', async () => {
    const headers = signIngestRequest(SOURCE, SECRET, body);
    const moved = String(Number(headers['X-Kefu-Timestamp']) + 1);
    await expectRefused(await post(body, { ...headers, 'X-Kefu-Timestamp': moved }), 'INGEST.BAD_SIGNATURE');
  });
});

describe('sources registered in the database', () => {
  test('an enabled source signs with its stored secret', async () => {
    await db()
      .collection('ingestSources')
      .doc('helpdesk')
      .set({ data: { secret: 'db-secret', enabled: true } });
    const raw = JSON.stringify({ source: 'helpdesk', events: [messageEvent({ at: Date.now() })] });
    expect((await post(raw, signIngestRequest('helpdesk', 'db-secret', raw))).statusCode).toBe(200);
  });

  test('a disabled source is refused like a wrong signature', async () => {
    await db()
      .collection('ingestSources')
      .doc('helpdesk')
      .set({ data: { secret: 'db-secret', enabled: false } });
    const raw = JSON.stringify({ source: 'helpdesk', events: [] });
    const answer = await post(raw, signIngestRequest('helpdesk', 'db-secret', raw));
    expect(answer.statusCode).toBe(401);
    expect(json(answer).code).toBe('INGEST.BAD_SIGNATURE');
  });
});

describe('the HTTP trigger shape', () => {
  test('a base64-encoded body is verified and read after decoding', async () => {
    const headers = signIngestRequest(SOURCE, SECRET, body);
    const answer = await handleIngestHttp({
      httpMethod: 'POST',
      headers,
      body: Buffer.from(body).toString('base64'),
      isBase64Encoded: true,
    });
    expect(answer.statusCode).toBe(200);
  });

  test('a GET is refused without looking further', async () => {
    const answer = await handleIngestHttp({ httpMethod: 'GET', headers: {}, body: '' });
    expect(answer.statusCode).toBe(405);
  });

  test('the signature helper signs the timestamp and raw body with HMAC-SHA256', () => {
    // Reference value from `printf '%s' '1700000000.{}' | openssl dgst -sha256 -hmac k`.
    expect(signatureFor('k', '1700000000', '{}')).toBe(
      'c6ef4734033cee2367414a0939385eca0397754aa7a59716da7463a9298b5146',
    );
  });
});

describe('the sign-ingest script', () => {
  test('prints a curl command whose headers the handler accepts', async () => {
    const curl = signedCurl({
      source: SOURCE,
      secret: SECRET,
      bodyFile: 'batch.json',
      rawBody: body,
      url: 'http://localhost:8787/ingest/events',
    });
    expect(curl).toContain("--data-binary @'batch.json'");
    const headers = Object.fromEntries([...curl.matchAll(/-H '(X-Kefu-[^:]+): ([^']+)'/g)].map((m) => [m[1], m[2]]));
    expect(Object.keys(headers)).toHaveLength(3);
    expect((await post(body, headers)).statusCode).toBe(200);
  });
});

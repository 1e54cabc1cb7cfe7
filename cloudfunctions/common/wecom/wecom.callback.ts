/**
 * The WeCom customer-service callback end to end: check and open the envelope, read the token,
 * pull the messages. This is what the `ingest` function calls for a WeCom callback.
 *
 * With `WECOM_CALLBACK_TOKEN` and `WECOM_ENCODING_AES_KEY` set (production), only encrypted,
 * correctly signed callbacks are accepted; without them (the local cloud) plaintext callbacks are
 * accepted, as the documented example and the local `POST /push/wecom` route send them.
 */
import { DomainError } from '../../core/errors';
import { parseWecomCallback, wecomEnvelope } from '../../core/ingest/wecom-kf.parse';
import type { WecomClient } from './wecom.client';
import {
  answerUrlVerification,
  BAD_SIGNATURE,
  decryptWecom,
  verifyWecomSignature,
  wecomSecretsFromEnv,
  type WecomCallbackSecrets,
} from './wecom.crypto';
import { syncWecomKf, type WecomSyncResult } from './wecom.sync';

export type WecomCallbackOutcome =
  /** The console's URL check: answer `echo` as the HTTP body, verbatim. */
  { kind: 'url-verified'; echo: string } | { kind: 'synced'; openKfId: string; result: WecomSyncResult };

export interface WecomCallbackOptions {
  /** Defaults to the environment; `null` means plaintext callbacks are accepted. */
  secrets?: WecomCallbackSecrets | null;
  client?: WecomClient;
}

export async function handleWecomCallback(
  event: unknown,
  opts: WecomCallbackOptions = {},
): Promise<WecomCallbackOutcome> {
  const secrets = opts.secrets === undefined ? wecomSecretsFromEnv() : opts.secrets;
  const envelope = wecomEnvelope(event);

  if (envelope.query.echostr) {
    if (!secrets)
      throw new Error('WECOM_CALLBACK_TOKEN / WECOM_ENCODING_AES_KEY are not set: cannot answer the URL check');
    return { kind: 'url-verified', echo: answerUrlVerification(secrets, envelope.query) };
  }

  let callback: unknown = event;
  if (envelope.encrypted !== null) {
    // A configuration gap, not a bad payload: a plain Error makes WeCom retry once it is fixed.
    if (!secrets) throw new Error('an encrypted WeCom callback arrived but WECOM_ENCODING_AES_KEY is not set');
    verifyWecomSignature(secrets, envelope.query, envelope.encrypted);
    callback = decryptWecom(secrets, envelope.encrypted);
  } else if (secrets) {
    throw new DomainError(BAD_SIGNATURE, '未加密的微信客服回调被拒绝');
  }

  const { token, openKfId } = parseWecomCallback(callback);
  const result = await syncWecomKf({ token, openKfId, client: opts.client });
  return { kind: 'synced', openKfId, result };
}

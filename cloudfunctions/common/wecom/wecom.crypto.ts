/**
 * WeCom callback security (企业微信回调加解密): the `msg_signature` check and the AES envelope.
 *
 * - signature = sha1 of the sorted concatenation of [callback token, timestamp, nonce, Encrypt]
 * - key = base64(EncodingAESKey + "=") (32 bytes), IV = its first 16 bytes, AES-256-CBC with
 *   PKCS#7 padding to 32-byte blocks (not AES's 16, hence the manual padding)
 * - plaintext = 16 random bytes | 4-byte big-endian length | message | receiver id (the corp id)
 *
 * A mismatch of signature or receiver is refused: only WeCom, holding the shared token and key,
 * can make the function pull messages.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'crypto';
import { DomainError, ERROR_CODES } from '../../core/errors';

export const BAD_SIGNATURE = ERROR_CODES.INGEST_BAD_SIGNATURE;
const BLOCK = 32;

export interface WecomCallbackSecrets {
  /** The callback Token set in the WeCom console (not the access token). */
  token: string;
  /** The 43-character EncodingAESKey from the console. */
  encodingAesKey: string;
  /** The corp id: every decrypted message must name it. */
  receiveId: string;
}

export interface SignedQuery {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

/** Null when the callback secrets are not configured (local development with plaintext callbacks). */
export function wecomSecretsFromEnv(
  env: Record<string, string | undefined> = process.env,
): WecomCallbackSecrets | null {
  const token = env.WECOM_CALLBACK_TOKEN;
  const encodingAesKey = env.WECOM_ENCODING_AES_KEY;
  if (!token || !encodingAesKey) return null;
  return { token, encodingAesKey, receiveId: env.WECOM_CORP_ID ?? '' };
}

function aesKey(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32)
    throw new Error('WECOM_ENCODING_AES_KEY must be 43 characters');
  return key;
}

export function wecomSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

export function verifyWecomSignature(secrets: WecomCallbackSecrets, query: SignedQuery, encrypted: string): void {
  const { msg_signature: given, timestamp, nonce } = query;
  if (!given || !timestamp || !nonce) throw new DomainError(BAD_SIGNATURE, '缺少 msg_signature/timestamp/nonce');
  const expected = Buffer.from(wecomSignature(secrets.token, timestamp, nonce, encrypted));
  const actual = Buffer.from(given.toLowerCase());
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new DomainError(BAD_SIGNATURE, '微信客服回调签名不正确');
  }
}

export function decryptWecom(secrets: WecomCallbackSecrets, encrypted: string): string {
  const key = aesKey(secrets.encodingAesKey);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  } catch {
    throw new DomainError(ERROR_CODES.INGEST_BAD_PAYLOAD, '微信客服回调无法解密');
  }
  const pad = plain[plain.length - 1];
  if (!pad || pad > BLOCK || plain.length < 20 + pad)
    throw new DomainError(ERROR_CODES.INGEST_BAD_PAYLOAD, '微信客服回调填充无效');
  const content = plain.subarray(16, plain.length - pad);
  const length = content.readUInt32BE(0);
  if (4 + length > content.length) throw new DomainError(ERROR_CODES.INGEST_BAD_PAYLOAD, '微信客服回调长度无效');
  const receiver = content.subarray(4 + length).toString('utf8');
  if (secrets.receiveId && receiver !== secrets.receiveId) {
    throw new DomainError(BAD_SIGNATURE, '微信客服回调不是发给本企业的');
  }
  return content.subarray(4, 4 + length).toString('utf8');
}

/** The inverse of `decryptWecom`: for passive replies, and for tests that play WeCom. */
export function encryptWecom(secrets: WecomCallbackSecrets, message: string, random: Buffer = randomBytes(16)): string {
  const key = aesKey(secrets.encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const raw = Buffer.concat([random, length, body, Buffer.from(secrets.receiveId, 'utf8')]);
  const pad = BLOCK - (raw.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([raw, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
    'base64',
  );
}

/** `GET` URL verification when the callback URL is saved in the console: answer the plain echostr. */
export function answerUrlVerification(secrets: WecomCallbackSecrets, query: SignedQuery): string {
  if (!query.echostr) throw new DomainError(ERROR_CODES.INGEST_BAD_PAYLOAD, '缺少 echostr');
  verifyWecomSignature(secrets, query, query.echostr);
  return decryptWecom(secrets, query.echostr);
}

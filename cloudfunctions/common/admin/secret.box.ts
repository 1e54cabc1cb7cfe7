/**
 * Secrets at rest (issue 14): ingest-source secrets are needed in clear to verify an HMAC, so
 * they cannot be hashed; they are sealed with AES-256-GCM under a key that lives only in the
 * function's environment (`KEFU_SECRET_KEY`: 32 bytes as 64 hex digits or base64). A database
 * dump without the environment reveals no secret, and GCM's tag refuses a tampered box.
 *
 * The local cloud generates a key once and keeps it in its data directory (devcloud/
 * local-cloud.ts); on the real cloud the admin sets it in the functions' environment variables
 * (README, Ingestion). `keyId` (the key's first 8 hash hex digits) is stored beside each box,
 * so a box sealed under another key is told apart from a corrupt one.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';

export interface SealedSecret {
  alg: 'aes-256-gcm';
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

/** The environment variable holding the key. */
export const SECRET_KEY_ENV = 'KEFU_SECRET_KEY';

/** The key from the environment, or null when none (or a malformed one) is set. */
export function secretKey(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const raw = (env[SECRET_KEY_ENV] ?? '').trim();
  if (!raw) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  return key.length === 32 ? key : null;
}

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function seal(plain: string, key: Buffer): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return {
    alg: 'aes-256-gcm',
    keyId: keyIdOf(key),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The plain secret, or null when the box was sealed under another key or was altered. */
export function open(box: SealedSecret, key: Buffer): string | null {
  if (box?.alg !== 'aes-256-gcm' || box.keyId !== keyIdOf(key)) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** A fresh source secret: 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Per-source secrets of the generic ingest API: the `ingestSources` collection, and for local
 * demos and tests the environment variable KEFU_INGEST_SECRETS=`source1:secret1,source2:secret2`,
 * which is consulted first.
 *
 * A source document (issue 14): `{ _id: source, name, enabled, sealed, previous?, createdAt,
 * createdBy, rotatedAt? }`. `sealed` is the secret encrypted with AES-256-GCM under
 * KEFU_SECRET_KEY (common/admin/secret.box.ts); `previous` is the secret a rotation replaced,
 * sealed too, with `until`: it still verifies until then, so a sender can switch without
 * dropping a request. `enabled: false` turns a source off.
 *
 * Plain-text secrets (`secret`, written before secrets were encrypted, e.g. by hand in the
 * console) keep working: the first lookup with a key configured seals the secret and removes
 * the plain field (migration on read); without a key they are still read, and `sources/list`
 * shows them as `plain` so an admin knows to set the key or rotate.
 */
import { parseSecretsList } from '../../core/ingest/events.signature';
import { byId, COLLECTIONS, database, now } from '../cloud';
import { open, seal, secretKey, type SealedSecret } from '../admin/secret.box';
import { logFailure } from '../log';

export interface IngestSource {
  _id: string;
  /** Legacy plain-text secret (sealed on first read when a key is configured). */
  secret?: string;
  sealed?: SealedSecret;
  previous?: { sealed: SealedSecret; until: number };
  enabled?: boolean;
  name?: string;
  createdAt?: number;
  createdBy?: string;
  rotatedAt?: number;
}

function isMissingCollection(e: unknown): boolean {
  const err = e as { errCode?: number; errMsg?: string; message?: string };
  return err?.errCode === -502005 || /not exist|COLLECTION_NOT_EXIST/i.test(String(err?.errMsg ?? err?.message ?? e));
}

export async function getSource(source: string): Promise<IngestSource | null> {
  try {
    return await byId<IngestSource>(COLLECTIONS.ingestSources, source);
  } catch (e) {
    // A cloud environment where no source was ever registered has no such collection.
    if (isMissingCollection(e)) return null;
    throw e;
  }
}

/** Seals a legacy plain secret in place; a failure leaves it plain (it still verifies). */
async function migrate(doc: IngestSource, key: Buffer): Promise<void> {
  try {
    const _ = database().command;
    await database()
      .collection(COLLECTIONS.ingestSources)
      .where({ _id: doc._id, secret: doc.secret })
      .update({ data: { sealed: seal(doc.secret as string, key), secret: _.remove() } });
  } catch (e) {
    logFailure('ingest/sources.migrate', e, { source: doc._id });
  }
}

/** The secrets a request from `source` may be signed with now (current first), or null. */
export async function findSourceSecrets(source: string, at: number = now()): Promise<string[] | null> {
  const fromEnv = parseSecretsList(process.env.KEFU_INGEST_SECRETS).get(source);
  if (fromEnv) return [fromEnv];
  const doc = await getSource(source);
  if (!doc || doc.enabled === false) return null;
  const key = secretKey();
  const out: string[] = [];
  if (typeof doc.secret === 'string' && doc.secret) {
    out.push(doc.secret);
    if (key && !doc.sealed) await migrate(doc, key);
  } else if (doc.sealed) {
    const plain = key ? open(doc.sealed, key) : null;
    // Sealed under no key or another one: nothing verifies, and the log says why.
    if (plain === null) logFailure('ingest/sources.open', new Error('secret cannot be opened'), { source });
    else out.push(plain);
  }
  if (doc.previous && doc.previous.until > at && key) {
    const old = open(doc.previous.sealed, key);
    if (old !== null) out.push(old);
  }
  return out.length ? out : null;
}

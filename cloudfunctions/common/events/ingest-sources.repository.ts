/**
 * Per-source secrets of the generic ingest API: the `ingestSources` collection
 * (`{ _id: source, secret, enabled }`; `enabled: false` turns a source off), and for local demos
 * and tests the environment variable KEFU_INGEST_SECRETS=`source1:secret1,source2:secret2`,
 * which is consulted first.
 */
import { parseSecretsList } from '../../core/ingest/events.signature';
import { byId, COLLECTIONS } from '../cloud';

export interface IngestSource {
  _id: string;
  secret: string;
  enabled?: boolean;
  name?: string;
}

function isMissingCollection(e: unknown): boolean {
  const err = e as { errCode?: number; errMsg?: string; message?: string };
  return err?.errCode === -502005 || /not exist|COLLECTION_NOT_EXIST/i.test(String(err?.errMsg ?? err?.message ?? e));
}

export async function findSourceSecret(source: string): Promise<string | null> {
  const fromEnv = parseSecretsList(process.env.KEFU_INGEST_SECRETS).get(source);
  if (fromEnv) return fromEnv;
  try {
    const doc = await byId<IngestSource>(COLLECTIONS.ingestSources, source);
    if (!doc || doc.enabled === false || typeof doc.secret !== 'string' || !doc.secret) return null;
    return doc.secret;
  } catch (e) {
    // A cloud environment where no source was ever registered has no such collection.
    if (isMissingCollection(e)) return null;
    throw e;
  }
}

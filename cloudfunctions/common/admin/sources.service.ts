/**
 * Ingest sources as admins manage them (issue 14): create (the secret is answered once and
 * never again), rotate (a new secret; the old one verifies for a grace period, 24 h unless
 * told otherwise), disable. Secrets are stored sealed (secret.box.ts); without KEFU_SECRET_KEY
 * nothing is created or rotated (SOURCE.NO_KEY) rather than stored in plain text.
 */
import { parseSecretsList } from '../../core/ingest/events.signature';
import type { SourceView } from '../../core/admin/admin.model';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { audit } from '../audit.log';
import { COLLECTIONS, database, rows } from '../cloud';
import { getSource, type IngestSource } from '../events/ingest-sources.repository';
import { newSecret, seal, secretKey } from './secret.box';

export function sourceView(doc: IngestSource, at: number): SourceView {
  return {
    _id: doc._id,
    name: doc.name ?? doc._id,
    enabled: doc.enabled !== false,
    storage: typeof doc.secret === 'string' && doc.secret ? 'plain' : 'encrypted',
    ...(doc.createdAt !== undefined ? { createdAt: doc.createdAt } : {}),
    ...(doc.rotatedAt !== undefined ? { rotatedAt: doc.rotatedAt } : {}),
    ...(doc.previous && doc.previous.until > at ? { previousUntil: doc.previous.until } : {}),
  };
}

export async function listSources(at: number): Promise<SourceView[]> {
  let docs: IngestSource[] = [];
  try {
    docs = await rows<IngestSource>(database().collection(COLLECTIONS.ingestSources).orderBy('_id', 'asc').limit(1000));
  } catch {
    docs = []; // no source was ever registered in this environment
  }
  const views = docs.map((d) => sourceView(d, at));
  // Sources configured in the environment (local demos) are shown too: they cannot be edited here.
  for (const id of parseSecretsList(process.env.KEFU_INGEST_SECRETS).keys()) {
    if (!views.some((v) => v._id === id)) views.push({ _id: id, name: id, enabled: true, storage: 'env' });
  }
  return views;
}

function keyOrThrow(): Buffer {
  const key = secretKey();
  if (!key) {
    throw new DomainError(
      ERROR_CODES.SOURCE_NO_KEY,
      '云函数环境变量 KEFU_SECRET_KEY 未设置（32 字节，64 位十六进制），无法加密保存密钥',
    );
  }
  return key;
}

async function sourceOrThrow(sourceId: string): Promise<IngestSource> {
  const doc = await getSource(sourceId);
  if (!doc) throw new DomainError(ERROR_CODES.SOURCE_NOT_FOUND, `接入来源不存在: ${sourceId}`);
  return doc;
}

export async function createSource(
  sourceId: string,
  name: string,
  by: string,
  at: number,
): Promise<{ source: SourceView; secret: string }> {
  const key = keyOrThrow();
  if ((await getSource(sourceId)) || parseSecretsList(process.env.KEFU_INGEST_SECRETS).has(sourceId)) {
    throw new DomainError(ERROR_CODES.SOURCE_EXISTS, `接入来源 ${sourceId} 已存在`);
  }
  const secret = newSecret();
  const doc: IngestSource = {
    _id: sourceId,
    name,
    enabled: true,
    sealed: seal(secret, key),
    createdAt: at,
    createdBy: by,
  };
  const { _id, ...fields } = doc;
  await database().collection(COLLECTIONS.ingestSources).doc(_id).set({ data: fields });
  await audit({
    at,
    by,
    entity: 'ingestSource',
    entityId: _id,
    action: 'create',
    before: null,
    after: { name, enabled: true },
  });
  return { source: sourceView(doc, at), secret };
}

export async function rotateSource(
  sourceId: string,
  graceHours: number,
  by: string,
  at: number,
): Promise<{ source: SourceView; secret: string }> {
  const key = keyOrThrow();
  const doc = await sourceOrThrow(sourceId);
  const secret = newSecret();
  // The secret in force now, sealed: a legacy plain one is sealed on its way to `previous`.
  const current = doc.sealed ?? (doc.secret ? seal(doc.secret, key) : undefined);
  const previous = graceHours > 0 && current ? { sealed: current, until: at + graceHours * 3600_000 } : undefined;
  const _ = database().command;
  await database()
    .collection(COLLECTIONS.ingestSources)
    .doc(sourceId)
    .update({
      data: { sealed: seal(secret, key), previous: previous ?? _.remove(), secret: _.remove(), rotatedAt: at },
    });
  const next: IngestSource = { ...doc, sealed: seal(secret, key), previous, rotatedAt: at };
  delete next.secret;
  if (!previous) delete next.previous;
  await audit({
    at,
    by,
    entity: 'ingestSource',
    entityId: sourceId,
    action: 'rotate',
    before: { rotatedAt: doc.rotatedAt ?? null },
    after: { rotatedAt: at, previousUntil: previous?.until ?? null },
  });
  return { source: sourceView(next, at), secret };
}

export async function disableSource(sourceId: string, by: string, at: number): Promise<SourceView> {
  const doc = await sourceOrThrow(sourceId);
  if (doc.enabled !== false) {
    await database()
      .collection(COLLECTIONS.ingestSources)
      .doc(sourceId)
      .update({ data: { enabled: false } });
    await audit({
      at,
      by,
      entity: 'ingestSource',
      entityId: sourceId,
      action: 'disable',
      before: { enabled: true },
      after: { enabled: false },
    });
  }
  return sourceView({ ...doc, enabled: false }, at);
}

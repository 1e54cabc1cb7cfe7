/**
 * Scorecard settings (admins, issue 14): drafts, validation, preview, publishing, rollback and
 * the precedence that decides which scorecard applies where scopes overlap. Versions are
 * append-only: publishing and rolling back both add a new immutable version (rollback publishes
 * a copy of the older one), and the shipped default (versions 1, 2 and 3 in the code) counts as
 * published although it is not in the store. Every change writes one audit entry with the
 * changed fields before and after, and forgets this instance's cached scorecards.
 */
import type {
  PrecedenceView,
  ScorecardCopy,
  ScorecardDetail,
  ScorecardPreview,
  ScorecardSummary,
} from '../core/api.contract';
import { DomainError, ERROR_CODES } from '../core/errors';
import type { Conversation, MessageRole } from '../core/model';
import { maskPii } from '../core/privacy/pii.mask';
import {
  DEFAULT_SCORECARD,
  draftFrom,
  isScoped,
  publish,
  SHIPPED_DEFAULT_SCORECARDS,
  type Scorecard,
} from '../core/scoring';
import { diffScorecards, type ScorecardChanges } from '../core/scoring/scorecard.diff';
import { applyEdits, validateDraft, type ScorecardEdit } from '../core/scoring/scorecard.edit';
import { leavesOf, WORD_LIST_PARAMS, conditionAt } from '../core/scoring/scorecard.fields';
import { conversationOf } from '../core/sessions/session.lifecycle';
import { audit, type AuditState } from './audit.log';
import { listMessages } from './messages.repository';
import {
  addPublished,
  draftDocId,
  draftScorecard,
  getDraft,
  getPrecedence,
  listDrafts,
  putDraft,
  putPrecedence,
  removeDraft,
  storedPublished,
  type StoredDraft,
} from './scorecards.repository';
import { forgetCachedScorecards, scoreWith } from './scoring.service';
import { getSession } from './sessions.repository';
import { maskTypedText } from './typed-text';

/** Versions that ship with the code and count as published. */
const SHIPPED: readonly Scorecard[] = SHIPPED_DEFAULT_SCORECARDS;

function notFound(id: string): DomainError {
  return new DomainError(ERROR_CODES.SCORECARD_NOT_FOUND, `没有评分卡「${id}」`);
}

/** Every published version of one scorecard, oldest first (a stored version wins over a shipped one). */
async function versionsOf(id: string): Promise<Scorecard[]> {
  const byVersion = new Map<number, Scorecard>();
  for (const s of SHIPPED) if (s.id === id) byVersion.set(s.version, s);
  for (const s of await storedPublished(id)) byVersion.set(s.version, s);
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

/** The latest version of every published scorecard, shipped ones included. */
async function liveCards(): Promise<Scorecard[]> {
  const latest = new Map<string, Scorecard>();
  for (const s of [...SHIPPED, ...(await storedPublished())]) {
    const seen = latest.get(s.id);
    if (!seen || s.version >= seen.version) latest.set(s.id, s);
  }
  return [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function liveOf(versions: readonly Scorecard[]): Scorecard | null {
  return versions.length ? versions[versions.length - 1] : null;
}

/** The parts of a draft an audit entry compares: the card's own fields, section weights, each rule. */
function draftState(card: Scorecard | null): Record<string, unknown> | null {
  if (!card) return null;
  const rules: Record<string, unknown> = {};
  const weights: Record<string, number> = {};
  for (const s of card.sections) {
    weights[s.id] = s.weight;
    for (const r of s.rules) rules[r.id] = { ...r, version: undefined };
  }
  return {
    version: card.version,
    name: card.name,
    scope: card.scope,
    passThreshold: card.passThreshold,
    baseScore: card.baseScore,
    weights,
    rules,
  };
}

/** Only what differs between two draft states (whole states when one side is absent). */
function changedFields(before: Scorecard | null, after: Scorecard | null): { before: AuditState; after: AuditState } {
  const b = draftState(before);
  const a = draftState(after);
  if (!b || !a) return { before: b, after: a };
  const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const top = ['name', 'scope', 'passThreshold', 'baseScore', 'weights'].filter((k) => !same(b[k], a[k]));
  const br = b.rules as Record<string, unknown>;
  const ar = a.rules as Record<string, unknown>;
  const ruleIds = [...new Set([...Object.keys(br), ...Object.keys(ar)])].filter((id) => !same(br[id], ar[id]));
  return {
    before: { ...pick(b, top), rules: pick(br, ruleIds) },
    after: { ...pick(a, top), rules: pick(ar, ruleIds) },
  };
}

/** Word lists an admin typed are masked like any free text before they are stored. */
function maskWordLists(card: Scorecard): Scorecard {
  for (const s of card.sections) {
    for (const r of s.rules) {
      for (const leaf of leavesOf(r.when)) {
        const cond = conditionAt(r.when, leaf.path) as { params?: Record<string, unknown> };
        for (const key of WORD_LIST_PARAMS) {
          const list = cond.params?.[key];
          if (Array.isArray(list))
            cond.params![key] = list.map((w) => (typeof w === 'string' ? maskTypedText(w, 'admin') : w));
        }
      }
    }
  }
  return card;
}

function stored(card: Scorecard, by: string, now: number): StoredDraft {
  return { ...card, updatedAt: now, updatedBy: by };
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export async function listScorecards(): Promise<{ items: ScorecardSummary[]; precedence: PrecedenceView }> {
  const [live, drafts, precedence] = await Promise.all([liveCards(), listDrafts(), precedenceView()]);
  const ids = [...new Set([...live.map((c) => c.id), ...drafts.map((d) => d.id)])].sort();
  const items: ScorecardSummary[] = [];
  for (const id of ids) {
    const versions = await versionsOf(id);
    const current = liveOf(versions);
    const draft = drafts.find((d) => d.id === id) ?? null;
    const shown = current ?? draft!;
    items.push({
      id,
      name: shown.name,
      scope: shown.scope,
      liveVersion: current?.version ?? null,
      versions: versions.map((v) => v.version),
      draft: draft
        ? { version: draft.version, basedOn: draft.basedOn, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy }
        : null,
      isDefault: precedence.defaultId === id,
    });
  }
  return { items, precedence };
}

export async function scorecardDetail(id: string, version?: number): Promise<ScorecardDetail> {
  const [versions, draft] = await Promise.all([versionsOf(id), getDraft(id)]);
  const live = liveOf(versions);
  if (!live && !draft) throw notFound(id);
  const detail: ScorecardDetail = {
    live,
    draft,
    changes: draft ? diffScorecards(live, draftScorecard(draft)) : null,
    versions: versions.map((v) => ({
      version: v.version,
      ...(v.publishedAt !== undefined ? { publishedAt: v.publishedAt } : {}),
      shipped: SHIPPED.includes(v),
      live: v === live,
    })),
  };
  if (version !== undefined) {
    const asked = versions.find((v) => v.version === version);
    if (!asked) throw new DomainError(ERROR_CODES.SCORECARD_NOT_FOUND, `评分卡「${id}」没有版本 ${version}`);
    detail.scorecard = asked;
  }
  return detail;
}

// ---------------------------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------------------------

async function idTaken(id: string): Promise<boolean> {
  return (await versionsOf(id)).length > 0 || (await getDraft(id)) !== null;
}

/** The draft of `id`, started from its live version when there is none (null: it was there). */
async function ensureDraft(id: string, by: string, now: number): Promise<{ draft: StoredDraft; created: boolean }> {
  const existing = await getDraft(id);
  if (existing) return { draft: existing, created: false };
  const live = liveOf(await versionsOf(id));
  if (!live) throw notFound(id);
  return { draft: stored(draftFrom(live), by, now), created: true };
}

export async function startDraft(
  id: string,
  copyAs: ScorecardCopy | undefined,
  by: string,
  now: number,
): Promise<{ draft: StoredDraft; created: boolean }> {
  if (!copyAs) {
    const { draft, created } = await ensureDraft(id, by, now);
    if (!created) return { draft, created };
    await putDraft(draft);
    await audit({
      at: now,
      by,
      entity: 'scorecard',
      entityId: draftDocId(id),
      action: 'draft',
      before: null,
      after: { version: draft.version, basedOn: draft.basedOn ?? null },
    });
    return { draft, created };
  }
  const source = liveOf(await versionsOf(id));
  if (!source) throw notFound(id);
  if (await idTaken(copyAs.id)) {
    throw new DomainError(ERROR_CODES.SCORECARD_EXISTS, `评分卡 id「${copyAs.id}」已被使用，请换一个`);
  }
  const copy = draftFrom(source);
  copy.id = copyAs.id;
  copy.name = copyAs.name ?? `${source.name}（副本）`;
  copy.version = 1;
  delete copy.basedOn;
  if (copyAs.scope) copy.scope = applyEdits(copy, [{ kind: 'card', scope: copyAs.scope }]).scope;
  const draft = stored(validateDraft(copy), by, now);
  await putDraft(draft);
  await audit({
    at: now,
    by,
    entity: 'scorecard',
    entityId: draftDocId(copyAs.id),
    action: 'copy',
    before: null,
    after: { name: draft.name, scope: draft.scope, version: draft.version },
    refs: { copiedFrom: `${source.id}@${source.version}` },
  });
  return { draft, created: true };
}

export async function saveDraft(
  id: string,
  change: { edits?: ScorecardEdit[]; draft?: Record<string, unknown> },
  by: string,
  now: number,
): Promise<{ draft: StoredDraft; changes: ScorecardChanges }> {
  const { draft: current, created } = await ensureDraft(id, by, now);
  const base = draftScorecard(current);
  // A whole draft as `get` answered it may carry the storage fields back: they are the server's.
  const { updatedAt: _at, updatedBy: _by, ...whole } = change.draft ?? {};
  const edited = change.draft
    ? ({ ...whole, id, status: 'draft', version: base.version, basedOn: base.basedOn } as unknown as Scorecard)
    : applyEdits(base, change.edits ?? []);
  const valid = validateDraft(maskWordLists(JSON.parse(JSON.stringify(edited)) as Scorecard));
  const draft = stored(valid, by, now);
  await putDraft(draft);
  const fields = changedFields(created ? null : base, valid);
  await audit({ at: now, by, entity: 'scorecard', entityId: draftDocId(id), action: 'saveDraft', ...fields });
  const live = liveOf(await versionsOf(id));
  return { draft, changes: diffScorecards(live, valid) };
}

export async function discardDraft(id: string, by: string, now: number): Promise<StoredDraft> {
  const draft = await getDraft(id);
  if (!draft) throw new DomainError(ERROR_CODES.SCORECARD_NO_DRAFT, `评分卡「${id}」没有草稿`);
  await removeDraft(id);
  await audit({
    at: now,
    by,
    entity: 'scorecard',
    entityId: draftDocId(id),
    action: 'discardDraft',
    before: { version: draft.version, basedOn: draft.basedOn ?? null, updatedAt: draft.updatedAt },
    after: null,
  });
  return draft;
}

// ---------------------------------------------------------------------------------------------
// Preview
// ---------------------------------------------------------------------------------------------

export async function previewScorecard(
  id: string,
  input: { text?: string; role?: 'customer' | 'agent'; sessionId?: string },
  now: number,
): Promise<ScorecardPreview> {
  const draft = await getDraft(id);
  const card = draft ? validateDraft(draftScorecard(draft)) : liveOf(await versionsOf(id));
  if (!card) throw notFound(id);
  const head = { scorecardId: id, version: card.version, draft: draft !== null };
  if (input.sessionId) {
    const session = await getSession(input.sessionId);
    if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${input.sessionId}`);
    const conv = conversationOf(session, await listMessages(session._id));
    const result = await scoreWith(card, session, conv, session.status === 'closed' ? session.lastAt : now);
    const current = session.score
      ? {
          total: session.score.total,
          passed: session.score.passed,
          scorecardVersion: Number(/_v(\d+)$/.exec(session.score.scoreId)?.[1] ?? 0),
        }
      : null;
    return { ...head, ...summary(result), current };
  }
  const role: MessageRole = input.role ?? 'agent';
  const masked = maskPii(input.text ?? '', role);
  // One message, marked a fragment: rules about how a conversation opens or ends are skipped,
  // and only what the line itself hits is shown.
  const conv: Conversation = {
    id: 'preview',
    channel: card.scope.channels?.[0] ?? 'mp-kf',
    customerId: 'preview',
    startedAt: now,
    messages: [
      { role, at: now, text: masked.text, type: 'text', ...(masked.findings.length ? { pii: masked.findings } : {}) },
    ],
    tags: { issueType: card.scope.issueTypes?.[0], businessLine: card.scope.businessLines?.[0] },
    partial: true,
  };
  const result = await scoreWith(card, null, conv, now);
  const s = summary(result);
  return {
    ...head,
    ...s,
    hits: s.hits.filter((h) => h.messageIndex === 0),
    sample: { role: role as 'customer' | 'agent', text: masked.text },
  };
}

function summary(r: Awaited<ReturnType<typeof scoreWith>>) {
  return { total: r.total, passed: r.passed, redLine: r.redLine, hits: r.hits, skipped: r.skipped ?? [] };
}

// ---------------------------------------------------------------------------------------------
// Publishing and rollback
// ---------------------------------------------------------------------------------------------

async function publishCard(
  card: Scorecard,
  versions: Scorecard[],
  by: string,
  now: number,
  action: 'publish' | 'rollback',
  refs?: Record<string, string>,
): Promise<{ published: Scorecard; changes: ScorecardChanges }> {
  const live = liveOf(versions);
  const changes = diffScorecards(live, card);
  const published = publish(card, versions, now);
  await addPublished(published);
  forgetCachedScorecards();
  await audit({
    at: now,
    by,
    entity: 'scorecard',
    entityId: `${published.id}@${published.version}`,
    action,
    before: live ? { liveVersion: live.version } : null,
    after: {
      liveVersion: published.version,
      rules: changes.rules.map((r) => ({ kind: r.kind, ruleId: r.ruleId, details: r.details })),
      card: changes.card,
    },
    ...(refs ? { refs } : {}),
  });
  return { published, changes };
}

export async function publishDraft(
  id: string,
  by: string,
  now: number,
): Promise<{ published: Scorecard; changes: ScorecardChanges }> {
  const draft = await getDraft(id);
  if (!draft) throw new DomainError(ERROR_CODES.SCORECARD_NO_DRAFT, `评分卡「${id}」没有草稿可发布`);
  const card = validateDraft(draftScorecard(draft));
  const result = await publishCard(card, await versionsOf(id), by, now, 'publish');
  await removeDraft(id);
  return result;
}

export async function rollbackTo(
  id: string,
  version: number,
  by: string,
  now: number,
): Promise<{ published: Scorecard; changes: ScorecardChanges }> {
  const versions = await versionsOf(id);
  const target = versions.find((v) => v.version === version);
  if (!target) throw new DomainError(ERROR_CODES.SCORECARD_NOT_FOUND, `评分卡「${id}」没有版本 ${version}`);
  if (target === liveOf(versions)) {
    throw new DomainError(ERROR_CODES.SCORECARD_ALREADY_LIVE, `版本 ${version} 已是线上版本`);
  }
  return publishCard(draftFrom(target), versions, by, now, 'rollback', { copyOf: `${id}@${version}` });
}

// ---------------------------------------------------------------------------------------------
// Precedence
// ---------------------------------------------------------------------------------------------

function specificity(s: Scorecard): number {
  return (s.scope.issueTypes ? 4 : 0) + (s.scope.businessLines ? 2 : 0) + (s.scope.channels ? 1 : 0);
}

export async function precedenceView(): Promise<PrecedenceView> {
  const [live, p] = await Promise.all([liveCards(), getPrecedence()]);
  const cards = live.map((c) => ({
    id: c.id,
    name: c.name,
    scope: c.scope,
    scoped: isScoped(c),
    liveVersion: c.version,
  }));
  const scoped = live.filter(isScoped);
  const unscoped = live.filter((c) => !isScoped(c));
  if (p) {
    // Scoped cards published since the order was stored come after it, as selection ranks them.
    const listed = p.order.filter((id) => scoped.some((c) => c.id === id));
    const rest = scoped
      .filter((c) => !listed.includes(c.id))
      .sort((a, b) => specificity(b) - specificity(a) || (a.id < b.id ? -1 : 1))
      .map((c) => c.id);
    const defaultId = unscoped.some((c) => c.id === p.defaultId)
      ? p.defaultId
      : (unscoped[0]?.id ?? DEFAULT_SCORECARD.id);
    return {
      stored: true,
      order: [...listed, ...rest],
      defaultId,
      cards,
      updatedAt: p.updatedAt,
      updatedBy: p.updatedBy,
    };
  }
  // The old rule, written out: most specific first, then lowest id; the default is the
  // unscoped card with the lowest id.
  const order = [...scoped].sort((a, b) => specificity(b) - specificity(a) || (a.id < b.id ? -1 : 1)).map((c) => c.id);
  return { stored: false, order, defaultId: unscoped[0]?.id ?? DEFAULT_SCORECARD.id, cards };
}

export async function setPrecedence(
  set: { order: string[]; defaultId: string },
  by: string,
  now: number,
): Promise<PrecedenceView> {
  const live = await liveCards();
  const bad = (message: string) => new DomainError(ERROR_CODES.SCORECARD_BAD_PRECEDENCE, message);
  if (new Set(set.order).size !== set.order.length) throw bad('优先顺序中有重复的评分卡');
  for (const id of set.order) {
    const card = live.find((c) => c.id === id);
    if (!card) throw bad(`评分卡「${id}」没有已发布的版本，不能排序`);
    if (!isScoped(card)) throw bad(`评分卡「${card.name}」没有限定适用范围，只能设为默认卡，不参与排序`);
  }
  const fallback = live.find((c) => c.id === set.defaultId);
  if (!fallback) throw bad(`默认评分卡「${set.defaultId}」没有已发布的版本`);
  if (isScoped(fallback)) throw bad(`评分卡「${fallback.name}」限定了适用范围，不能作为默认卡`);
  const before = await getPrecedence();
  await putPrecedence({ order: set.order, defaultId: set.defaultId, updatedAt: now, updatedBy: by });
  forgetCachedScorecards();
  await audit({
    at: now,
    by,
    entity: 'scorecardPrecedence',
    entityId: 'scorecardPrecedence',
    action: 'setPrecedence',
    before: before ? { order: before.order, defaultId: before.defaultId } : null,
    after: { order: set.order, defaultId: set.defaultId },
  });
  return precedenceView();
}

/**
 * Scoring a closed session in the cloud: the scorecard in force for its scope (published
 * versions in `scorecards`, else the shipped default), compiled once per version and kept for
 * the life of the function instance, with the facts the engine must not fetch itself: the text
 * models and the customer's earlier contacts. The published versions and the precedence admins
 * chose are read at most once a minute per instance (instance.cache.ts); the instance that
 * publishes or changes the precedence forgets them at once (scorecards.service.ts), another
 * instance scores with the change from its next read on.
 */
import type { Conversation, ScoreResult, Session } from '../core/model';
import {
  compileScorecard,
  DEFAULT_SCORECARD,
  scoreConversation,
  selectScorecard,
  SHIPPED_DEFAULT_SCORECARDS,
  type CompiledScorecard,
  type Scorecard,
  type ScoringFacts,
} from '../core/scoring';
import { getPrecedence } from './scorecards.repository';
import type { IssueTypeClassifier } from '../core/text/issue-type.classifier';
import { COLLECTIONS, database, rows } from './cloud';
import { instanceCache } from './instance.cache';
import { earlierContacts } from './sessions.repository';
import { textModels } from './text.models';

/** How far back repeat-contact rules may look (the longest window a scorecard may ask for). */
const HISTORY_WINDOW_MS = 7 * 24 * 3600_000;

/** How long an instance scores with the published scorecards it read. */
const SCORECARDS_CACHE_MS = 60_000;

const compiled = new Map<string, CompiledScorecard>();

function compiledFor(scorecard: Scorecard): CompiledScorecard {
  const key = `${scorecard.id}@${scorecard.version}`;
  let c = compiled.get(key);
  if (!c) {
    c = compileScorecard(scorecard);
    compiled.set(key, c);
  }
  return c;
}

/**
 * The published versions, as scorecards: without the document's `_id`, which is no field of a
 * scorecard (the strict schema compileScorecard checks would refuse it).
 */
const publishedScorecards = instanceCache(SCORECARDS_CACHE_MS, async () => {
  const docs = await rows<Scorecard & { _id?: string }>(
    database().collection(COLLECTIONS.scorecards).where({ status: 'published' }).limit(1000),
  );
  return docs.map(({ _id: _ignored, ...scorecard }): Scorecard => scorecard);
});

/** The precedence admins stored (null: none, the old rule applies), kept like the scorecards. */
const storedPrecedence = instanceCache(SCORECARDS_CACHE_MS, () => getPrecedence());

/** Drops the published scorecards and precedence this instance read (the next scoring reads them again). */
export function forgetCachedScorecards(): void {
  publishedScorecards.forget();
  storedPrecedence.forget();
}

/**
 * The session's issue type: as tagged by its source, else classified from what the customer
 * wrote (with the classifier admins' examples have taught: issue-types.repository.ts).
 */
export function issueTypeOf(session: Session, conv: Conversation, classifier: IssueTypeClassifier): string | undefined {
  if (session.issueType) return session.issueType;
  const texts = conv.messages.filter((m) => m.role === 'customer' && (m.type ?? 'text') === 'text').map((m) => m.text);
  if (texts.length === 0) return undefined;
  const { label, confidence } = classifier.classify(texts);
  return confidence > 0 ? label : undefined;
}

/**
 * The scorecard in force for a session's scope: the published versions (else the shipped
 * default), chosen by the stored precedence.
 */
export async function scorecardInForce(
  session: Pick<Session, 'channel' | 'businessLine'>,
  issueType?: string,
): Promise<Scorecard> {
  const scope = { channel: session.channel, businessLine: session.businessLine, issueType };
  const [published, precedence] = await Promise.all([publishedScorecards.get(), storedPrecedence.get()]);
  return selectScorecard([DEFAULT_SCORECARD, ...published], scope, precedence);
}

export async function scoreSession(session: Session, conv: Conversation, now: number): Promise<ScoreResult> {
  const scorecard = await scorecardInForce(session, conv.tags?.issueType);
  return scoreWith(scorecard, session, conv, now);
}

/**
 * What the engine is given besides the conversation when a session is scored at `now`: the
 * text models and the customer's earlier contacts. The back-test (backtest.service.ts) replays
 * stored sessions with exactly these facts.
 */
export async function scoringFacts(session: Session, now: number): Promise<ScoringFacts> {
  return { text: textModels(), history: await earlierContacts(session, HISTORY_WINDOW_MS), now };
}

/** A published (immutable) scorecard compiled once per instance and version. */
export function compiledScorecard(scorecard: Scorecard): CompiledScorecard {
  return compiledFor(scorecard);
}

/** The newest published version of a scorecard id (the shipped default for `default`), or null. */
export async function liveScorecardOf(id: string): Promise<Scorecard | null> {
  let latest: Scorecard | null = id === DEFAULT_SCORECARD.id ? DEFAULT_SCORECARD : null;
  for (const s of await publishedScorecards.get()) {
    if (s.id === id && (!latest || s.version > latest.version)) latest = s;
  }
  return latest;
}

/**
 * A conversation scored with a given scorecard (a draft's preview, a back-test), with the same
 * facts as live scoring. A draft is compiled afresh each time (its content changes under one
 * version number); a published version is compiled once.
 */
export async function scoreWith(
  scorecard: Scorecard,
  session: Session | null,
  conv: Conversation,
  now: number,
): Promise<ScoreResult> {
  const facts: ScoringFacts = session
    ? await scoringFacts(session, now)
    : { text: textModels(), history: { previousContacts: [] }, now };
  const compiledCard = scorecard.status === 'published' ? compiledFor(scorecard) : compileScorecard(scorecard);
  return scoreConversation(compiledCard, conv, facts);
}

/**
 * The scorecard a stored score was computed with (its id and version): the shipped ones or a
 * published version. Reviews and appeals judge a session against exactly that card, whatever
 * is in force today. Null when it is no longer anywhere (nothing deletes versions, so: never).
 */
export async function scorecardOf(id: string, version: number): Promise<Scorecard | null> {
  const all = [...SHIPPED_DEFAULT_SCORECARDS, ...(await publishedScorecards.get())];
  return all.find((c) => c.id === id && c.version === version) ?? null;
}

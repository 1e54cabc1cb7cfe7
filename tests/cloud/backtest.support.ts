/**
 * A fixed corpus for the back-test (issue 14): conversations imported through the real pipeline
 * (so closed and scored live with the default scorecard), a draft of the default scorecard
 * stored as the editor stores it, and submitted reviews with verdicts on some hits.
 *
 * Live scores (default v8) of the kinds, and what the draft (greeting-missing off,
 * closing-missing −25 instead of −5) makes of them:
 *   good     100 → 100    pass → pass
 *   nogreet   95 → 100    pass → pass    (greeting-missing −5 gone)
 *   bare      90 →  75    pass → FAIL    (greeting gone, closing −25)
 *   complain  75 →  80    fail → PASS    (greeting gone)
 *   rude      60 →  60    red line both  (greeting gone, closing −25: its section stays at zero)
 */
import { DEFAULT_SCORECARD, draftFrom, type Scorecard } from '../../cloudfunctions/core/scoring';
import { hitKey, type StoredReview } from '../../cloudfunctions/core/inspection/review.model';
import type { Session, StoredScore } from '../../cloudfunctions/core/model';
import { reviewIdOf } from '../../cloudfunctions/common/reviews.repository';
import { inStore, putDoc } from './alerts.support';
import { importAsServer } from './harness';

type Line = ['customer' | 'agent', string];

export const KINDS = {
  good: [
    ['customer', '你好，我的快递到哪了'],
    ['agent', '您好，已经发货了，明天到'],
    ['customer', '好的谢谢'],
    ['agent', '不客气，还有其他问题吗？祝您生活愉快'],
  ],
  nogreet: [
    ['customer', '你好，我的快递到哪了'],
    ['agent', '已经发货了，明天到'],
    ['customer', '好的谢谢'],
    ['agent', '不客气，祝您生活愉快'],
  ],
  bare: [
    ['customer', '你好，我的快递到哪了'],
    ['agent', '已经发货了，明天到'],
    ['customer', '好的'],
    ['agent', '嗯'],
  ],
  complain: [
    ['customer', '我的快递三天了还没到，我要投诉'],
    ['agent', '已经帮您催了，明天到'],
    ['customer', '好吧'],
    ['agent', '还有其他问题吗？祝您生活愉快'],
  ],
  rude: [
    ['customer', '我的快递三天了还没到，怎么回事'],
    ['agent', '不知道，你自己查'],
    ['customer', '你这什么态度'],
    ['agent', '爱买不买'],
  ],
} satisfies Record<string, Line[]>;
export type Kind = keyof typeof KINDS;

export const LIVE_TOTAL: Record<Kind, number> = { good: 100, nogreet: 95, bare: 90, complain: 75, rude: 60 };
export const DRAFT_TOTAL: Record<Kind, number> = { good: 100, nogreet: 100, bare: 75, complain: 80, rude: 60 };

let imported = 0;

/** One conversation of `kind` by `agentId`, started `daysAgo` days ago; closed and scored on import. */
export async function importKind(
  kind: Kind,
  agentId: string,
  daysAgo: number,
  tag = '',
  atMs?: number,
): Promise<{ session: Session; score: StoredScore }> {
  const n = ++imported;
  const at = atMs ?? Date.now() - daysAgo * 86_400_000;
  const answer = (await importAsServer({
    id: `bt-${kind}-${agentId}-${n}${tag}`,
    channel: 'import',
    customerId: `oBtCust${n}${tag}`,
    agentId,
    messages: (KINDS[kind] as Line[]).map(([role, text], i) => ({
      role,
      text,
      at: new Date(at + i * 30_000).toISOString(),
    })),
  })) as { ok: boolean; sessionId: string };
  if (!answer.ok) throw new Error(`import failed: ${JSON.stringify(answer)}`);
  const [session] = await inStore<Session>('sessions', { _id: answer.sessionId });
  const [score] = await inStore<StoredScore>('scores', { sessionId: answer.sessionId });
  return { session, score };
}

/** The draft of the corpus: greeting-missing off, closing-missing costs 25. */
export function corpusDraft(): Scorecard {
  const draft = draftFrom(DEFAULT_SCORECARD);
  for (const section of draft.sections) {
    for (const rule of section.rules) {
      if (rule.id === 'greeting-missing') rule.enabled = false;
      if (rule.id === 'closing-missing') rule.points = -25;
    }
  }
  return draft;
}

/** Stores the draft as the scorecard editor does (`draft:<id>`, with updatedAt/updatedBy). */
export async function putDraft(draft: Scorecard, updatedAt: number): Promise<void> {
  await putDoc('scorecards', `draft:${draft.id}`, { ...draft, updatedAt, updatedBy: 'admin-1' } as unknown as Record<
    string,
    unknown
  >);
}

/** A submitted review of a scored session with these verdicts (by rule id, on the live hit) and added hits. */
export async function reviewWith(
  s: { session: Session; score: StoredScore },
  verdicts: Record<string, 'confirmed' | 'rejected'>,
  added: { ruleId: string; messageIndex: number | null }[] = [],
  inspectorId = 'insp-1',
): Promise<StoredReview> {
  const at = Date.now() - 3600_000;
  const review: StoredReview = {
    _id: reviewIdOf(s.session._id, inspectorId),
    sessionId: s.session._id,
    inspectorId,
    ...(s.session.agentId ? { agentId: s.session.agentId } : {}),
    ...(s.session.team ? { team: s.session.team } : {}),
    scorecardId: s.score.scorecardId,
    scorecardVersion: s.score.scorecardVersion,
    status: 'submitted',
    verdicts: Object.entries(verdicts).map(([ruleId, verdict]) => {
      const hit = s.score.hits.find((h) => h.ruleId === ruleId);
      if (!hit) throw new Error(`no live hit of ${ruleId} to judge`);
      return { key: hitKey(hit), ruleId, ruleVersion: hit.ruleVersion, verdict };
    }),
    added: added.map((a, i) => ({
      key: `added:${i + 1}`,
      ruleId: a.ruleId,
      ruleVersion: 1,
      messageIndex: a.messageIndex,
      span: null,
      excerpt: '',
      note: '漏判',
    })),
    annotations: [],
    createdAt: at - 600_000,
    updatedAt: at,
    submittedAt: at,
  };
  const { _id, ...fields } = review;
  await putDoc('reviews', _id, fields as unknown as Record<string, unknown>);
  return review;
}

/**
 * What reviewers said about a session's findings, in the form the back-test judges any version
 * of a scorecard against (backtest.aggregate.ts): where a rule truly fires (a confirmed hit, or
 * a hit a reviewer added because the machine missed it) and where it does not (a rejected hit).
 *
 * A finding's site is its rule and message (null: the whole session), not its span: a draft
 * that changes a keyword list may mark other characters of the same message, and it is the
 * same finding. Only submitted reviews count (a draft's verdicts may still change); when
 * several reviewers submitted on one session, the latest submission speaks for it.
 */
import type { Review } from '../inspection/review.model';

export interface JudgedSite {
  ruleId: string;
  messageIndex: number | null;
}

export interface SessionJudgement {
  present: JudgedSite[];
  absent: JudgedSite[];
}

/** The site of an automatic hit from its `hitKey` (`<rule>@<message or ->:<span or ->`). */
export function siteOfHitKey(key: string): JudgedSite | null {
  const m = /^(.+)@(-|\d+):[^@]*$/.exec(key);
  if (!m) return null;
  return { ruleId: m[1], messageIndex: m[2] === '-' ? null : Number(m[2]) };
}

/** The judgement of one session from its reviews, or undefined when none was submitted. */
export function judgementOf(reviews: readonly Review[]): SessionJudgement | undefined {
  let latest: Review | undefined;
  for (const r of reviews) {
    if (r.status !== 'submitted' || r.submittedAt === undefined) continue;
    if (!latest || r.submittedAt > (latest.submittedAt ?? -Infinity)) latest = r;
  }
  if (!latest) return undefined;
  const present: JudgedSite[] = [];
  const absent: JudgedSite[] = [];
  for (const v of latest.verdicts) {
    const site = siteOfHitKey(v.key);
    if (site) (v.verdict === 'confirmed' ? present : absent).push(site);
  }
  for (const a of latest.added) present.push({ ruleId: a.ruleId, messageIndex: a.messageIndex });
  return { present, absent };
}

/**
 * A small fixed corpus of customer questions with known topics, for the clustering and the gap
 * ranking: three logistics questions about a parcel that has not arrived, four refund questions
 * about money not back yet, three product questions about invoices, one lone warranty
 * question (below the two-session floor), and greetings with no topic at all.
 */
import type { Question } from '../../../cloudfunctions/core/kb/topic.clusters';
import type { GapSession } from '../../../cloudfunctions/core/kb/kb.gaps';

const q = (sessionId: string, issueType: string, text: string, index = 0): Question => ({
  sessionId,
  index,
  text,
  issueType,
});

export const QUESTIONS: Question[] = [
  q('s01', 'logistics', '我的快递怎么还没到'),
  q('s01', 'logistics', '在吗', 1),
  q('s02', 'logistics', '快递三天了还没到是怎么回事'),
  q('s03', 'logistics', '物流一直不更新，快递到哪了'),
  q('s04', 'refund', '退款什么时候到账'),
  q('s05', 'refund', '申请退款一周了钱还没到账'),
  q('s06', 'refund', '退款到账要多久'),
  q('s07', 'refund', '我的退款为什么还没到账'),
  q('s08', 'product', '能开增值税专用发票吗'),
  q('s09', 'product', '发票怎么开'),
  q('s10', 'product', '可以开电子发票吗'),
  q('s11', 'repair', '保修期是多久'),
  q('s12', 'other', '你好'),
];

/** Scores: the invoice sessions went worst (damage 150), then refunds (140), then logistics (90). */
export const SESSIONS: GapSession[] = [
  { sessionId: 's01', score: 70, failed: true },
  { sessionId: 's02', score: 80, failed: false },
  { sessionId: 's03', score: 60, failed: true },
  { sessionId: 's04', score: 65, failed: true },
  { sessionId: 's05', score: 60, failed: true },
  { sessionId: 's06', score: 70, failed: true },
  { sessionId: 's07', score: 65, failed: true },
  { sessionId: 's08', score: 50, failed: true },
  { sessionId: 's09', score: 50, failed: true },
  { sessionId: 's10', score: 50, failed: true },
  { sessionId: 's11', score: 40, failed: true },
  { sessionId: 's12', score: 90, failed: false },
];

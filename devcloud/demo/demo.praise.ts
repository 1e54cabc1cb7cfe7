/**
 * Reviewers' praise in the demo (issue 16, strengths): `demo-inspector` reviews demo-agent's two
 * newest sessions that scored full marks through the `api`, exactly as on the review screen
 * (open, 表扬 on the agent's first reply, submit), so 做得好的 on the agent's inbox is not empty on
 * first start and the review notices arrive as real ones do. Full-mark sessions only: the e2e
 * inspection walk reviews one of demo-agent's sessions that lost points, which must still be
 * unreviewed.
 */
import { DEMO_OPENIDS } from './demo.users';

/** Calls the `api` function as `openid` and returns its envelope. */
export type ApiCaller = (openid: string, data: Record<string, unknown>) => Promise<unknown>;

interface Envelope<T> {
  ok: boolean;
  data?: T;
  message?: string;
}

const PRAISES = [
  { label: '安抚到位', note: '先致歉再说明处理进度，客户情绪很快平复' },
  { label: '话术专业', note: '回复清楚完整，一次说明了时效和办理方式' },
] as const;

async function ask<T>(call: ApiCaller, openid: string, data: Record<string, unknown>): Promise<T> {
  const answer = (await call(openid, data)) as Envelope<T>;
  if (!answer?.ok) throw new Error(`${String(data.action)}: ${answer?.message ?? 'refused'}`);
  return answer.data as T;
}

/** Reviews with praise; returns how many were submitted (sessions without an agent reply are skipped). */
export async function seedDemoPraise(
  call: ApiCaller,
  opts: { inspector?: string; agentId?: string } = {},
): Promise<number> {
  const inspector = opts.inspector ?? DEMO_OPENIDS.inspector;
  const agentId = opts.agentId ?? 'kf001';
  const { items } = await ask<{ items: { _id: string; score?: { total: number } }[] }>(call, inspector, {
    action: 'sessions/list',
    agentId,
    status: 'closed',
    limit: 50,
  });
  const perfect = items.filter((s) => s.score?.total === 100).slice(0, PRAISES.length);
  let done = 0;
  for (const [i, session] of perfect.entries()) {
    const { messages, score } = await ask<{ messages: { role: string }[]; score: unknown }>(call, inspector, {
      action: 'sessions/get',
      sessionId: session._id,
    });
    const reply = messages.findIndex((m) => m.role === 'agent');
    if (reply < 0 || !score) continue;
    const { review } = await ask<{ review: { _id: string } }>(call, inspector, {
      action: 'reviews/open',
      sessionId: session._id,
    });
    await ask(call, inspector, {
      action: 'reviews/annotate',
      reviewId: review._id,
      messageIndex: reply,
      span: null,
      tone: 'praise',
      ...PRAISES[i],
    });
    await ask(call, inspector, { action: 'reviews/submit', reviewId: review._id });
    done++;
  }
  return done;
}

/**
 * The knowledge base and training through the real router on the local store: articles (masked,
 * drafts hidden from agents, searched by words), gaps from stored sessions that went badly (the
 * corpus of tests/core/kb/gap.corpus.ts written as sessions and messages), a gap turned into a
 * draft, the weakness profile and the before/after of assigned training from stored scores.
 */
import { QUESTIONS, SESSIONS } from '../core/kb/gap.corpus';
import { data, inStore, putDoc } from './alerts.support';
import { callApi, resetStore, TEAM } from './harness';

const DAY = 86_400_000;
const OTHER_TEAM = '售后二组';

/** The gap corpus as closed, scored sessions of `team` with their customers' question turns. */
async function seedGapCorpus(now: number, team: string, prefix = ''): Promise<void> {
  for (const [i, s] of SESSIONS.entries()) {
    const issueType = QUESTIONS.find((q) => q.sessionId === s.sessionId)!.issueType;
    await putDoc('sessions', prefix + s.sessionId, {
      channel: 'import',
      customerId: `c-${s.sessionId}`,
      agentIds: ['kf001'],
      agentId: 'kf001',
      team,
      status: 'closed',
      startedAt: now - (i + 1) * 3600_000,
      lastAt: now - i * 3600_000,
      endedAt: now - i * 3600_000,
      messageCount: 2,
      issueType,
      score: { total: s.score, passed: !s.failed, redLine: false, scoreId: `${s.sessionId}_default_v2` },
    });
  }
  for (const [i, q] of QUESTIONS.entries()) {
    await putDoc('messages', `${prefix}m${i}`, {
      sessionId: prefix + q.sessionId,
      channel: 'import',
      role: 'customer',
      type: 'text',
      text: q.text,
      at: now - 7200_000 + i * 1000 + q.index,
      customerId: `c-${q.sessionId}`,
    });
  }
}

describe('knowledge base articles', () => {
  beforeEach(() => resetStore());

  it('admins write articles (masked, audited); agents read and search published ones only', async () => {
    const saved = data(
      await callApi('admin-1', {
        action: 'kb/save',
        title: '如何开具发票',
        body: '订单完成后在订单详情申请电子发票，有问题请致电 13812345678',
        tags: ['发票'],
        issueTypes: ['product'],
        status: 'published',
      }),
    ).article;
    expect(saved.body).not.toContain('13812345678');
    data(await callApi('admin-1', { action: 'kb/save', title: '退款时效', body: '草稿', status: 'draft' }));
    const audit = await inStore<{ entity: string; after: { title: string } }>('auditLog', { entity: 'kbArticle' });
    expect(audit.map((a) => a.after.title).sort()).toEqual(['如何开具发票', '退款时效']);

    const agentSees = data(await callApi('agent-1', { action: 'kb/list' })).items;
    expect(agentSees.map((a: { title: string }) => a.title)).toEqual(['如何开具发票']);
    expect(data(await callApi('agent-1', { action: 'kb/list', q: '电子发票怎么开' })).items).toHaveLength(1);
    expect(data(await callApi('agent-1', { action: 'kb/list', q: '退款' })).items).toHaveLength(0);
    expect(data(await callApi('admin-1', { action: 'kb/list', status: 'draft' })).items).toHaveLength(1);

    data(await callApi('admin-1', { action: 'kb/remove', articleId: saved._id }));
    expect(await callApi('admin-1', { action: 'kb/remove', articleId: saved._id })).toMatchObject({
      ok: false,
      code: 'KB.NOT_FOUND',
    });
  });
});

describe('knowledge-base gaps', () => {
  beforeEach(() => resetStore());

  it('clusters the questions of stored sessions that went badly, ranks them by damage, and a published article closes a gap', async () => {
    const now = Date.now();
    await seedGapCorpus(now, TEAM);
    const gaps = data(await callApi('admin-1', { action: 'kb/gaps', days: 7 }));
    // s02 and s12 passed with 80 and 90: not in the pool. Only question turns count, as the act
    // classifier reads them: 「申请退款一周了钱还没到账」 is no question to it; 「物流一直不更新，快递到哪了」
    // is one to model r6 (r5 read it as neither: question 0.22, complaint 0.37), which gives logistics its second session;
    // s11's lone warranty question stays below the two-session floor.
    expect(gaps.pool).toBe(10);
    expect(
      gaps.gaps.map((g: { issueType: string; sessions: number; damage: number }) => [
        g.issueType,
        g.sessions,
        g.damage,
      ]),
    ).toEqual([
      ['product', 3, 150],
      ['refund', 3, 100],
      ['logistics', 2, 70],
    ]);

    data(
      await callApi('admin-1', {
        action: 'kb/save',
        title: '退款多久到账',
        body: '退款原路退回，一般 1-3 个工作日到账',
        issueTypes: ['refund'],
        status: 'published',
      }),
    );
    const after = data(await callApi('admin-1', { action: 'kb/gaps', days: 7 }));
    expect(after.gaps.map((g: { issueType: string }) => g.issueType)).toEqual(['product', 'logistics']);
    expect(after.articlesStillFailing).toEqual([
      expect.objectContaining({ title: '退款多久到账', sessions: 3, damage: 100 }),
    ]);
  });

  it("a supervisor sees their team's gaps only and turns one into a draft prefilled with its questions", async () => {
    const now = Date.now();
    await seedGapCorpus(now, OTHER_TEAM, 'x-');
    expect(data(await callApi('sup-1', { action: 'kb/gaps' })).topics).toEqual([]);
    await seedGapCorpus(now, TEAM);
    const gap = data(await callApi('sup-1', { action: 'kb/gaps' })).gaps[0];
    expect(gap.sessionIds.every((id: string) => !id.startsWith('x-'))).toBe(true);
    const { article } = data(
      await callApi('sup-1', { action: 'kb/draftFromGap', issueType: gap.issueType, questions: gap.representative }),
    );
    expect(article).toMatchObject({
      status: 'draft',
      issueTypes: ['product'],
      fromGap: { questions: gap.representative },
    });
    for (const q of gap.representative) expect(article.body).toContain(q);
    // A draft is no quick reply yet.
    expect(data(await callApi('agent-1', { action: 'kb/list' })).items).toEqual([]);
  });
});

/** `n` scores of `agentId` in [from, from + days), the first `k` losing points on `rule`. */
async function scores(
  agentId: string,
  team: string,
  from: number,
  days: number,
  n: number,
  k: number,
  rule = 'slow-reply',
) {
  for (let i = 0; i < n; i++) {
    const id = `${agentId}-${from}-${i}`;
    await putDoc('scores', `${id}_default_v2`, {
      sessionId: id,
      scorecardId: 'default',
      scorecardVersion: 2,
      total: i < k ? 80 : 100,
      passed: true,
      redLine: false,
      sections: [],
      hits:
        i < k
          ? [
              {
                ruleId: rule,
                ruleVersion: 1,
                ruleName: '回复超时',
                messageIndex: null,
                span: null,
                excerpt: '',
                points: -5,
                reason: '',
              },
            ]
          : [],
      agentId,
      team,
      channel: 'import',
      scoredAt: from + Math.floor(((i + 0.5) * days * DAY) / n),
    });
  }
}

describe('training', () => {
  beforeEach(() => resetStore());

  it('recommends catalogue items for the rules an agent fails more than the team, with the reason', async () => {
    const now = Date.now();
    await scores('kf001', TEAM, now - 30 * DAY, 30, 40, 12);
    await scores('kf002', TEAM, now - 30 * DAY, 30, 160, 4);
    await scores('kf006', OTHER_TEAM, now - 30 * DAY, 30, 50, 50); // another team: not in the comparison
    const { item } = data(
      await callApi('admin-1', {
        action: 'training/save',
        title: '高效回复技巧',
        ruleIds: ['slow-reply'],
        skills: ['响应'],
      }),
    );
    const mine = data(await callApi('agent-1', { action: 'training/mine' }));
    expect(mine.profile.rules[0]).toMatchObject({
      ruleId: 'slow-reply',
      failures: 12,
      sessions: 40,
      teamFailures: 16,
      teamSessions: 200,
    });
    expect(mine.profile.recommendations).toEqual([
      expect.objectContaining({ itemId: item._id, reason: '近30天「回复超时」规则失败 12/40 次（30%），团队为 8%' }),
    ]);
    const bySupervisor = data(await callApi('sup-1', { action: 'training/profile', agentId: 'kf001' }));
    expect(bySupervisor.recommendations).toHaveLength(1);
    expect(await callApi('sup-1', { action: 'training/profile', agentId: 'kf006' })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('measures assigned training before and after in equal windows, with the interval, once each side has 20 sessions', async () => {
    const now = Date.now();
    const at = now - 30 * DAY;
    await scores('kf001', TEAM, at - 30 * DAY, 30, 40, 12);
    await scores('kf001', TEAM, at, 30, 19, 1);
    const { item } = data(
      await callApi('admin-1', { action: 'training/save', title: '高效回复技巧', ruleIds: ['slow-reply'] }),
    );
    data(await callApi('sup-1', { action: 'training/assign', agentId: 'kf001', itemId: item._id }));
    // Given 30 days ago: the store's record moved back in time.
    const [{ _id, ...assignment }] = await inStore<{ _id: string; at: number }>('trainingAssignments');
    await putDoc('trainingAssignments', _id, { ...assignment, at });

    const tooFew = data(await callApi('agent-1', { action: 'training/effect', agentId: 'kf001' }));
    expect(tooFew.minSessions).toBe(20);
    expect(tooFew.items[0].effect).toMatchObject({
      verdict: 'too-few',
      difference: null,
      before: { sessions: 40 },
      after: { sessions: 19 },
    });

    await scores('kf001', TEAM, at + 29 * DAY, 1, 21, 2);
    const { items } = data(await callApi('sup-1', { action: 'training/effect', agentId: 'kf001' }));
    expect(items[0]).toMatchObject({ kind: 'training', title: '高效回复技巧' });
    expect(items[0].effect).toMatchObject({
      enough: true,
      before: { failures: 12, sessions: 40 },
      after: { failures: 3, sessions: 40 },
    });
    expect(items[0].effect.difference.low).toBeCloseTo(-0.3869, 3);
    expect(items[0].effect.difference.high).toBeCloseTo(-0.0532, 3);
    expect(items[0].effect.verdict).toBe('better');
  });

  it('measures a notice about a session by the rules that session failed', async () => {
    const now = Date.now();
    const at = now - 30 * DAY;
    await scores('kf001', TEAM, at - 30 * DAY, 30, 30, 6, 'rude-language');
    await scores('kf001', TEAM, at, 30, 30, 6, 'rude-language');
    await putDoc('scores', 'noticed_default_v2', {
      sessionId: 'noticed',
      agentId: 'kf001',
      team: TEAM,
      scoredAt: at - 1,
      hits: [
        { ruleId: 'rude-language', points: -20, ruleVersion: 1, messageIndex: 0, span: null, excerpt: '', reason: '' },
      ],
    });
    await putDoc('notices', 'n-1', {
      to: 'agent-1',
      agentId: 'kf001',
      from: 'sup-1',
      fromName: '林主管',
      kind: 'review',
      title: '质检结果',
      text: '注意用语',
      sessionId: 'noticed',
      createdAt: at,
      readAt: null,
    });
    const { items } = data(await callApi('agent-1', { action: 'training/effect', agentId: 'kf001' }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'notice', effect: { ruleIds: ['rude-language'], verdict: 'no-change' } });
    expect(items[0].effect.before).toMatchObject({ failures: 7, sessions: 31 });
  });
});

/**
 * Scorecard settings through the real `api` router on the local store: drafts from the shipped
 * default, targeted edits validated with Chinese field names, preview, publish (and scoring with
 * the new version at once), rollback as a new version, copies for a new scope, the precedence
 * that decides which card applies (and the old silent preference when none is stored), audit
 * entries, and who may call.
 */
import type { Scorecard } from '../../cloudfunctions/core/scoring';
import type { Session, StoredScore } from '../../cloudfunctions/core/model';
import { data, inStore } from './alerts.support';
import { callApi, importAsServer, resetStore } from './harness';

const ADMIN = 'admin-1';
const api = (action: string, params: Record<string, unknown> = {}) => callApi(ADMIN, { action, ...params });

let imported = 0;
/** A finished conversation imported (closed and scored by the real pipeline): its stored score. */
async function scoredConversation(lines: [role: 'customer' | 'agent', text: string][]): Promise<StoredScore> {
  const n = ++imported;
  const start = Date.now() - 3600_000;
  const answer = (await importAsServer({
    id: `settings-${n}`,
    channel: 'import',
    customerId: `oSettings${n}`,
    agentId: 'kf001',
    messages: lines.map(([role, text], i) => ({ role, at: new Date(start + i * 20_000).toISOString(), text })),
  })) as { ok: boolean; sessionId: string };
  expect(answer.ok).toBe(true);
  const [score] = await inStore<StoredScore>('scores', { sessionId: answer.sessionId });
  return score;
}

const RUDE_CHAT: [role: 'customer' | 'agent', text: string][] = [
  ['customer', '你好，我的快递怎么还没到'],
  ['agent', '已经发了，爱要不要'],
  ['customer', '好的'],
];

function error(r: unknown): { code: string; message: string } {
  expect(r).toMatchObject({ ok: false });
  return r as { code: string; message: string };
}

beforeEach(() => resetStore());

describe('drafts', () => {
  it('starts a draft from the shipped default (versions 1-9 count as published) and lists it', async () => {
    const before = data(await api('scorecards/list'));
    expect(before.items).toEqual([
      expect.objectContaining({
        id: 'default',
        liveVersion: 9,
        versions: [1, 2, 3, 4, 5, 6, 7, 8, 9],
        draft: null,
        isDefault: true,
      }),
    ]);
    const started = data(await api('scorecards/draft', { scorecardId: 'default' }));
    expect(started).toMatchObject({
      created: true,
      draft: { id: 'default', status: 'draft', version: 10, basedOn: 9 },
    });
    expect(started.draft.updatedBy).toBe(ADMIN);
    // The same draft again, not a second one.
    expect(data(await api('scorecards/draft', { scorecardId: 'default' })).created).toBe(false);
    expect(await inStore('scorecards')).toEqual([expect.objectContaining({ _id: 'draft:default', status: 'draft' })]);
    const after = data(await api('scorecards/list'));
    expect(after.items[0].draft).toMatchObject({ version: 10, basedOn: 9, updatedBy: ADMIN });
  });

  it('keeps the shipped versions apart: v2 reads text as it shipped, v3 by edition 2 and act model r2, v9 is live', async () => {
    const v2 = data(await api('scorecards/get', { scorecardId: 'default', version: 2 }));
    expect(v2.scorecard).toMatchObject({ id: 'default', version: 2 });
    expect(v2.scorecard.text).toBeUndefined();
    const v3 = data(await api('scorecards/get', { scorecardId: 'default', version: 3 }));
    expect(v3.scorecard).toMatchObject({ version: 3, text: { normalize: 2, acts: 'r2' } });
    expect(
      v3.versions.map((v: { version: number; shipped: boolean; live: boolean }) => [v.version, v.shipped, v.live]),
    ).toEqual([
      [1, true, false],
      [2, true, false],
      [3, true, false],
      [4, true, false],
      [5, true, false],
      [6, true, false],
      [7, true, false],
      [8, true, false],
      [9, true, true],
    ]);
  });

  it('applies targeted edits, says what they change against live, and audits the rules before and after', async () => {
    const saved = data(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [
          { kind: 'rule', rule: 'greeting-missing', enabled: false },
          { kind: 'rule', rule: 'over-promise', points: -8, cap: 16 },
          { kind: 'param', rule: 'first-response-slow', leaf: 0, param: 'overSeconds', value: 90 },
          { kind: 'param', rule: 'complaint-risk', leaf: 0, param: 'exclude', value: ['怎么申诉', '退货流程'] },
          { kind: 'section', section: 'etiquette', weight: 40 },
          { kind: 'card', passThreshold: 85, scope: { channels: ['mp-kf'] } },
        ],
      }),
    );
    const rules = saved.draft.sections.flatMap((s: Scorecard['sections'][number]) => s.rules);
    expect(rules.find((r: { id: string }) => r.id === 'greeting-missing').enabled).toBe(false);
    expect(rules.find((r: { id: string }) => r.id === 'over-promise')).toMatchObject({ points: -8, cap: 16 });
    expect(saved.draft.passThreshold).toBe(85);
    const changed = Object.fromEntries(
      saved.changes.rules.map((r: { ruleId: string; details: string[] }) => [r.ruleId, r.details]),
    );
    expect(changed['greeting-missing']).toEqual(['关闭']);
    expect(changed['over-promise']).toEqual(['分值 -5 → -8', '封顶 10 → 16']);
    expect(changed['first-response-slow']).toEqual(['超过秒数 60 → 90']);
    expect(changed['complaint-risk'][0]).toMatch(/^排除词 \+「退货流程」/);
    expect(saved.changes.card).toEqual(
      expect.arrayContaining([
        '及格线 80 → 85',
        '「服务规范」权重 35 → 40',
        expect.stringMatching(/^适用范围 全部会话 → 渠道：mp-kf/),
      ]),
    );

    // The draft did not exist: the first save records it whole; the next one only what it changed.
    data(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'rule', rule: 'pii-leak', points: -20 }],
      }),
    );
    const entries = await inStore<{ action: string; before: unknown; after: unknown }>('auditLog', {
      entity: 'scorecard',
    });
    expect(entries.map((e) => e.action)).toEqual(['saveDraft', 'saveDraft']);
    expect(entries[0].before).toBeNull();
    expect(entries[1]).toMatchObject({
      before: { rules: { 'pii-leak': expect.objectContaining({ points: -15 }) } },
      after: { rules: { 'pii-leak': expect.objectContaining({ points: -20 }) } },
    });
    expect(Object.keys((entries[1].after as { rules: object }).rules)).toEqual(['pii-leak']);
  });

  it('refuses an invalid edit naming the field in Chinese, and keeps the draft as it was', async () => {
    data(await api('scorecards/draft', { scorecardId: 'default' }));
    const [draftBefore] = await inStore('scorecards', { _id: 'draft:default' });

    const zero = error(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'rule', rule: 'rude-language', points: 0 }],
      }),
    );
    expect(zero.code).toBe('SCORECARD.INVALID');
    expect(zero.message).toContain('第1节「服务规范」第4条规则「服务态度恶劣」的分值：分值不能为 0');

    const seconds = error(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'param', rule: 'first-response-slow', leaf: 0, param: 'overSeconds', value: -5 }],
      }),
    );
    expect(seconds.message).toContain('第2节「响应时效」第1条规则「首次响应超时」的超过秒数');
    expect(seconds.message).not.toMatch(/[A-Za-z]{6,}/); // no zod English

    const words = error(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'param', rule: 'off-platform-transaction', leaf: 0, param: 'words', value: [] }],
      }),
    );
    expect(words.message).toContain('第3节「合规风控」第1条规则「引导站外交易」的条件1（短语）关键词');

    const pass = error(
      await api('scorecards/saveDraft', { scorecardId: 'default', edits: [{ kind: 'card', passThreshold: 120 }] }),
    );
    expect(pass.message).toContain('及格线：及格线不能高于基础分');

    const unknown = error(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'rule', rule: 'no-such', enabled: false }],
      }),
    );
    expect(unknown).toMatchObject({
      code: 'SCORECARD.INVALID',
      message: expect.stringContaining('没有规则「no-such」'),
    });

    expect(await inStore('scorecards', { _id: 'draft:default' })).toEqual([draftBefore]);
  });

  it('saves a whole draft, keeping the id, status and version the server owns', async () => {
    const { draft } = data(await api('scorecards/draft', { scorecardId: 'default' }));
    // Sent back as `get` answered it, storage fields and all.
    const whole = { ...draft, name: '默认评分卡（调整）', version: 99, status: 'published', id: 'other', updatedAt: 1 };
    const saved = data(await api('scorecards/saveDraft', { scorecardId: 'default', draft: whole }));
    expect(saved.draft).toMatchObject({
      id: 'default',
      status: 'draft',
      version: 10,
      basedOn: 9,
      name: '默认评分卡（调整）',
    });
  });

  it('masks personal data typed into a word list', async () => {
    const saved = data(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [
          { kind: 'param', rule: 'closing-missing', leaf: 0, param: 'words', value: ['再见', '打我电话13812345678'] },
        ],
      }),
    );
    const stored = JSON.stringify(await inStore('scorecards', { _id: 'draft:default' }));
    expect(stored).not.toContain('13812345678');
    expect(JSON.stringify(saved.draft)).not.toContain('13812345678');
  });

  it('discards a draft once', async () => {
    data(await api('scorecards/draft', { scorecardId: 'default' }));
    expect(data(await api('scorecards/discardDraft', { scorecardId: 'default' })).discarded.version).toBe(10);
    expect(await inStore('scorecards')).toEqual([]);
    expect(error(await api('scorecards/discardDraft', { scorecardId: 'default' })).code).toBe('SCORECARD.NO_DRAFT');
  });
});

describe('preview', () => {
  it('scores a sample line with the draft: hits with evidence, and none once the rule is off', async () => {
    const live = data(
      await api('scorecards/preview', { scorecardId: 'default', text: '爱要不要，自己看', role: 'agent' }),
    );
    expect(live.draft).toBe(false);
    expect(live.hits).toEqual([
      expect.objectContaining({
        ruleId: 'rude-language',
        messageIndex: 0,
        redLine: true,
        excerpt: expect.stringContaining('爱要不要'),
      }),
    ]);
    data(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'rule', rule: 'rude-language', enabled: false }],
      }),
    );
    const drafted = data(
      await api('scorecards/preview', { scorecardId: 'default', text: '爱要不要，自己看', role: 'agent' }),
    );
    expect(drafted).toMatchObject({ draft: true, version: 10, hits: [] });
  });

  it('finds a word just added to the draft, and masks the sample', async () => {
    data(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'param', rule: 'rude-language', leaf: 0, param: 'words', value: ['磨磨唧唧'] }],
      }),
    );
    const p = data(await api('scorecards/preview', { scorecardId: 'default', text: '别磨磨唧唧的，电话13812345678' }));
    expect(p.hits.map((h: { ruleId: string }) => h.ruleId)).toContain('rude-language');
    expect(p.sample.text).not.toContain('13812345678');
  });

  it('scores a stored session with the draft beside its current score', async () => {
    const score = await scoredConversation(RUDE_CHAT);
    expect(score.hits.map((h) => h.ruleId)).toContain('rude-language');
    data(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'rule', rule: 'rude-language', enabled: false }],
      }),
    );
    const p = data(await api('scorecards/preview', { scorecardId: 'default', sessionId: score.sessionId }));
    expect(p.current).toEqual({ total: score.total, passed: score.passed, scorecardVersion: 9 });
    expect(p.hits.map((h: { ruleId: string }) => h.ruleId)).not.toContain('rude-language');
    expect(p.total).toBeGreaterThan(score.total);
    expect(error(await api('scorecards/preview', { scorecardId: 'default', sessionId: 'nope' })).code).toBe(
      'SESSION.NOT_FOUND',
    );
    // Previews write nothing.
    expect(await inStore('auditLog', { entity: 'scorecard' })).toHaveLength(1);
  });
});

describe('publish and rollback', () => {
  it('publishes the draft as version 10 (above the shipped 1-9); the next session is scored with it at once', async () => {
    expect((await scoredConversation(RUDE_CHAT)).scorecardVersion).toBe(9);
    data(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [
          { kind: 'rule', rule: 'rude-language', enabled: false },
          { kind: 'param', rule: 'closing-missing', leaf: 0, param: 'words', value: ['拜拜'] },
        ],
      }),
    );
    const { published, changes } = data(await api('scorecards/publish', { scorecardId: 'default' }));
    expect(published).toMatchObject({
      id: 'default',
      version: 10,
      status: 'published',
      publishedAt: expect.any(Number),
    });
    expect(changes.rules.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(['closing-missing', 'rude-language']);
    expect((await inStore('scorecards')).map((d) => d._id)).toEqual(['default@10']);
    // A changed rule takes a new rule version; an unchanged one keeps its own.
    const rules = (published as Scorecard).sections.flatMap((s) => s.rules);
    expect(rules.find((r) => r.id === 'rude-language')!.version).toBe(2);
    expect(rules.find((r) => r.id === 'greeting-missing')!.version).toBe(1);

    const next = await scoredConversation(RUDE_CHAT);
    expect(next.scorecardVersion).toBe(10);
    expect(next.hits.map((h) => h.ruleId)).not.toContain('rude-language');

    const [entry] = await inStore<{ entityId: string; before: unknown; after: { liveVersion: number } }>('auditLog', {
      action: 'publish',
    });
    expect(entry).toMatchObject({ entityId: 'default@10', before: { liveVersion: 9 }, after: { liveVersion: 10 } });
    expect(error(await api('scorecards/publish', { scorecardId: 'default' })).code).toBe('SCORECARD.NO_DRAFT');
  });

  it('rolls back by publishing a copy of the older version: history stays append-only', async () => {
    data(
      await api('scorecards/saveDraft', {
        scorecardId: 'default',
        edits: [{ kind: 'rule', rule: 'rude-language', enabled: false }],
      }),
    );
    data(await api('scorecards/publish', { scorecardId: 'default' }));
    const { published } = data(await api('scorecards/rollback', { scorecardId: 'default', version: 2 }));
    expect(published.version).toBe(11);
    const rude = (published as Scorecard).sections.flatMap((s) => s.rules).find((r) => r.id === 'rude-language')!;
    expect(rude.enabled).toBe(true);
    expect((await inStore('scorecards')).map((d) => d._id).sort()).toEqual(['default@10', 'default@11']);
    const detail = data(await api('scorecards/get', { scorecardId: 'default', version: 10 }));
    expect(detail.versions.map((v: { version: number; live: boolean }) => [v.version, v.live])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
      [6, false],
      [7, false],
      [8, false],
      [9, false],
      [10, false],
      [11, true],
    ]);
    expect(detail.scorecard.version).toBe(10);
    expect((await scoredConversation(RUDE_CHAT)).hits.map((h) => h.ruleId)).toContain('rude-language');
    const [entry] = await inStore('auditLog', { action: 'rollback' });
    expect(entry).toMatchObject({
      before: { liveVersion: 10 },
      after: { liveVersion: 11 },
      refs: { copyOf: 'default@2' },
    });

    expect(error(await api('scorecards/rollback', { scorecardId: 'default', version: 11 })).code).toBe(
      'SCORECARD.ALREADY_LIVE',
    );
    expect(error(await api('scorecards/rollback', { scorecardId: 'default', version: 12 })).code).toBe(
      'SCORECARD.NOT_FOUND',
    );
  });
});

describe('copies and precedence', () => {
  async function publishCopy(id: string, scope?: Record<string, string[]>) {
    data(await api('scorecards/draft', { scorecardId: 'default', copyAs: { id, name: `卡 ${id}`, scope } }));
    return data(await api('scorecards/publish', { scorecardId: id })).published as Scorecard;
  }

  it('copies a card for a new scope, refusing an id in use', async () => {
    const copy = data(
      await api('scorecards/draft', {
        scorecardId: 'default',
        copyAs: { id: 'refunds', scope: { issueTypes: ['refund'] } },
      }),
    );
    expect(copy.draft).toMatchObject({
      id: 'refunds',
      version: 1,
      scope: { issueTypes: ['refund'] },
      name: '通用客服质检评分卡（副本）',
    });
    expect(copy.draft.basedOn).toBeUndefined();
    const listed = data(await api('scorecards/list')).items.find((i: { id: string }) => i.id === 'refunds');
    expect(listed).toMatchObject({ liveVersion: null, draft: { version: 1 } });
    const published = data(await api('scorecards/publish', { scorecardId: 'refunds' })).published;
    expect(published).toMatchObject({ id: 'refunds', version: 1, scope: { issueTypes: ['refund'] } });
    expect(error(await api('scorecards/draft', { scorecardId: 'default', copyAs: { id: 'refunds' } })).code).toBe(
      'SCORECARD.EXISTS',
    );
    expect(error(await api('scorecards/draft', { scorecardId: 'nothing' })).code).toBe('SCORECARD.NOT_FOUND');
  });

  it('keeps the old silent preference with nothing stored, and follows the stored default', async () => {
    await publishCopy('general');
    // Nothing stored: `general` sorts after `default`, so it is never chosen (the old rule).
    const view = data(await api('scorecards/precedence'));
    expect(view).toMatchObject({ stored: false, order: [], defaultId: 'default' });
    expect((await scoredConversation(RUDE_CHAT)).scorecardId).toBe('default');

    const set = data(await api('scorecards/precedence', { set: { order: [], defaultId: 'general' } }));
    expect(set).toMatchObject({ stored: true, defaultId: 'general', updatedBy: ADMIN });
    expect((await scoredConversation(RUDE_CHAT)).scorecardId).toBe('general');
    const list = data(await api('scorecards/list'));
    expect(list.items.filter((i: { isDefault: boolean }) => i.isDefault).map((i: { id: string }) => i.id)).toEqual([
      'general',
    ]);
    const [entry] = await inStore('auditLog', { entity: 'scorecardPrecedence' });
    expect(entry).toMatchObject({ before: null, after: { order: [], defaultId: 'general' } });
  });

  it('orders overlapping scoped cards as stored, and refuses a precedence that cannot apply', async () => {
    await publishCopy('aa-import', { channels: ['import'] });
    await publishCopy('zz-import', { channels: ['import'] });
    expect((await scoredConversation(RUDE_CHAT)).scorecardId).toBe('aa-import');
    expect(data(await api('scorecards/precedence')).order).toEqual(['aa-import', 'zz-import']);

    data(await api('scorecards/precedence', { set: { order: ['zz-import', 'aa-import'], defaultId: 'default' } }));
    expect((await scoredConversation(RUDE_CHAT)).scorecardId).toBe('zz-import');

    const bad = async (set: { order: string[]; defaultId: string }) =>
      error(await api('scorecards/precedence', { set })).code;
    expect(await bad({ order: ['default'], defaultId: 'default' })).toBe('SCORECARD.BAD_PRECEDENCE');
    expect(await bad({ order: [], defaultId: 'aa-import' })).toBe('SCORECARD.BAD_PRECEDENCE');
    expect(await bad({ order: ['ghost'], defaultId: 'default' })).toBe('SCORECARD.BAD_PRECEDENCE');
    expect(await bad({ order: ['aa-import', 'aa-import'], defaultId: 'default' })).toBe('SCORECARD.BAD_PRECEDENCE');
    expect(await inStore('auditLog', { entity: 'scorecardPrecedence' })).toHaveLength(1);
  });
});

describe('access', () => {
  it.each(['sup-1', 'insp-1', 'agent-1'])('%s may not change scorecards', async (openid) => {
    for (const action of ['scorecards/draft', 'scorecards/publish', 'scorecards/list']) {
      expect(await callApi(openid, { action, scorecardId: 'default' })).toMatchObject({
        ok: false,
        code: 'AUTH.FORBIDDEN',
      });
    }
    expect(await inStore<Session>('scorecards')).toEqual([]);
  });
});

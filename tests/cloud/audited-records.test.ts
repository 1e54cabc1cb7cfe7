/**
 * The editor-kept collections (knowledge articles, training items, quick replies) through the
 * real router on the local store: created, edited and removed, each write leaves exactly one
 * audit entry with the record's fields before and after (routes/audited-records.ts), an unknown
 * id fails with the collection's own code, and a refused write leaves neither record nor entry.
 */
import type { AuditRow } from '../../cloudfunctions/core/api.contract';
import { data, inStore } from './alerts.support';
import { callApi, resetStore } from './harness';

const log = async (entity: string) =>
  (await inStore<AuditRow>('auditLog', { entity })).map(({ by, entityId, action, before, after }) => ({
    by,
    entityId,
    action,
    before,
    after,
  }));

describe('editor-kept records: one audit entry per write, before and after', () => {
  beforeEach(() => resetStore());

  it('knowledge articles: create, edit, draft from a gap, remove; an unknown id is KB.NOT_FOUND', async () => {
    const created = data(
      await callApi('admin-1', { action: 'kb/save', title: '退款时效', body: '1-3 个工作日', tags: ['退款'] }),
    ).article;
    const edited = data(
      await callApi('admin-1', {
        action: 'kb/save',
        articleId: created._id,
        title: '退款时效',
        body: '3 个工作日内到账',
        status: 'published',
      }),
    ).article;
    expect(edited._id).toBe(created._id);
    const draft = data(
      await callApi('admin-1', { action: 'kb/draftFromGap', issueType: 'refund', questions: ['钱什么时候退回来'] }),
    ).article;
    data(await callApi('admin-1', { action: 'kb/remove', articleId: created._id }));

    const first = { title: '退款时效', body: '1-3 个工作日', tags: ['退款'], issueTypes: [], status: 'draft' };
    const second = { ...first, body: '3 个工作日内到账', tags: [], status: 'published' };
    expect(await log('kbArticle')).toEqual([
      { by: 'admin-1', entityId: created._id, action: 'save', before: null, after: first },
      { by: 'admin-1', entityId: created._id, action: 'save', before: first, after: second },
      {
        by: 'admin-1',
        entityId: draft._id,
        action: 'draftFromGap',
        before: null,
        after: { title: draft.title, body: draft.body, tags: [], issueTypes: ['refund'], status: 'draft' },
      },
      { by: 'admin-1', entityId: created._id, action: 'remove', before: second, after: null },
    ]);
    expect(await inStore('kbArticles')).toHaveLength(1);
    for (const action of ['kb/remove', 'kb/save'] as const) {
      const answer = await callApi('admin-1', { action, articleId: created._id, title: 't', body: 'b' });
      expect(answer).toMatchObject({ ok: false, code: 'KB.NOT_FOUND' });
    }
    expect(await log('kbArticle')).toHaveLength(4);
  });

  it('training items: create, edit, remove; an unknown id is TRAINING.NOT_FOUND everywhere', async () => {
    const item = data(
      await callApi('admin-1', {
        action: 'training/save',
        title: '安抚话术',
        ruleIds: ['slow-reply'],
        skills: ['安抚'],
      }),
    ).item;
    data(
      await callApi('admin-1', {
        action: 'training/save',
        itemId: item._id,
        title: '安抚话术',
        link: 'https://example.com/t',
        ruleIds: ['slow-reply'],
      }),
    );
    data(await callApi('admin-1', { action: 'training/remove', itemId: item._id }));

    const first = { title: '安抚话术', link: '', description: '', ruleIds: ['slow-reply'], skills: ['安抚'] };
    const second = { ...first, link: 'https://example.com/t', skills: [] };
    expect(await log('trainingItem')).toEqual([
      { by: 'admin-1', entityId: item._id, action: 'save', before: null, after: first },
      { by: 'admin-1', entityId: item._id, action: 'save', before: first, after: second },
      { by: 'admin-1', entityId: item._id, action: 'remove', before: second, after: null },
    ]);
    expect(await inStore('trainingItems')).toEqual([]);
    for (const action of ['training/remove', 'training/save'] as const) {
      const answer = await callApi('admin-1', { action, itemId: item._id, title: 't' });
      expect(answer).toMatchObject({ ok: false, code: 'TRAINING.NOT_FOUND' });
    }
    expect(await callApi('admin-1', { action: 'training/assign', agentId: 'kf001', itemId: item._id })).toMatchObject({
      ok: false,
      code: 'TRAINING.NOT_FOUND',
    });
    expect(await log('trainingItem')).toHaveLength(3);
  });

  it('quick replies: create, edit, remove; a refused remove keeps the record and writes nothing', async () => {
    const mine = data(
      await callApi('sup-1', { action: 'replyTemplates/save', title: '催发货', text: '已催促' }),
    ).template;
    const everyone = data(
      await callApi('admin-1', { action: 'replyTemplates/save', title: '问候', text: '您好' }),
    ).template;
    data(
      await callApi('sup-1', { action: 'replyTemplates/save', templateId: mine._id, title: '催发货', text: '已加急' }),
    );
    expect(await callApi('sup-1', { action: 'replyTemplates/remove', templateId: everyone._id })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    data(await callApi('sup-1', { action: 'replyTemplates/remove', templateId: mine._id }));

    const team = mine.team as string;
    expect(team).toEqual(expect.any(String));
    const first = { title: '催发货', text: '已催促', team };
    const second = { ...first, text: '已加急' };
    expect(await log('replyTemplate')).toEqual([
      { by: 'sup-1', entityId: mine._id, action: 'save', before: null, after: first },
      {
        by: 'admin-1',
        entityId: everyone._id,
        action: 'save',
        before: null,
        after: { title: '问候', text: '您好', team: null },
      },
      { by: 'sup-1', entityId: mine._id, action: 'save', before: first, after: second },
      { by: 'sup-1', entityId: mine._id, action: 'remove', before: second, after: null },
    ]);
    expect((await inStore<{ _id: string }>('replyTemplates')).map((t) => t._id)).toEqual([everyone._id]);
    expect(await callApi('sup-1', { action: 'replyTemplates/remove', templateId: mine._id })).toMatchObject({
      ok: false,
      code: 'TEMPLATE.NOT_FOUND',
    });
  });
});

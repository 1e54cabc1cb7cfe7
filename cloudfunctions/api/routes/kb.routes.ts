/**
 * The knowledge base (issue 16, kb): articles admins write and publish (agents use published
 * ones as quick replies, searched by words), and its gaps: topics of customers' questions in
 * sessions that went badly with no article, computed on demand from a bounded read
 * (common/kb.gaps.service.ts). A supervisor (their team's gaps) or an admin turns a gap into a
 * draft article prefilled with its representative questions. Free text is masked when stored.
 */
import { z } from 'zod';
import type { KbArticle } from '../../core/kb/kb.model';
import { topicTerms } from '../../core/kb/tfidf';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { maskFreeText } from '../../core/privacy/pii.mask';
import { isIssueType, ISSUE_TYPE_NAMES } from '../../core/text/issue-type.classifier';
import { computeGaps } from '../../common/kb.gaps.service';
import { getArticle, listArticles, newKbId, putArticle, removeArticle } from '../../common/kb.repository';
import { route } from '../router';
import { auditedRecords } from './audited-records';

const fields = (a: KbArticle | null) =>
  a ? { title: a.title, body: a.body, tags: a.tags, issueTypes: a.issueTypes, status: a.status } : null;

const issueType = z.string().refine(isIssueType, '未知的问题类型');
const tags = z.array(z.string().trim().min(1).max(20)).max(10);

const articles = auditedRecords<KbArticle>({
  entity: 'kbArticle',
  fields,
  get: getArticle,
  notFound: (id) => new DomainError(ERROR_CODES.KB_NOT_FOUND, `知识库文章不存在: ${id}`),
  put: putArticle,
  remove: removeArticle,
});

/** Every topic word of the query in the article's title, body or tags; title hits first. */
export function searchArticles(items: KbArticle[], q: string): KbArticle[] {
  const words = topicTerms(q);
  const needles = words.length > 0 ? words : [q.trim()];
  const hits = items.filter((a) => {
    const text = [a.title, a.body, ...a.tags].join('\n');
    return needles.every((w) => text.includes(w));
  });
  const inTitle = (a: KbArticle) => needles.filter((w) => a.title.includes(w)).length;
  return hits.sort((a, b) => inTitle(b) - inTitle(a));
}

export const kbList = route('kb/list', {
  params: z.object({
    q: z.string().trim().max(40).optional(),
    status: z.enum(['draft', 'published']).optional(),
    issueType: z.string().max(32).optional(),
  }),
  async handle({ user }, p) {
    // Drafts are the editors' (admins, and supervisors who draft from gaps); agents read published only.
    const status = user.role === 'admin' || user.role === 'supervisor' ? p.status : 'published';
    let items = await listArticles(status);
    if (p.issueType) items = items.filter((a) => a.issueTypes.length === 0 || a.issueTypes.includes(p.issueType!));
    if (p.q) items = searchArticles(items, p.q);
    return { items };
  },
});

export const kbSave = route('kb/save', {
  params: z.object({
    articleId: z.string().min(1).optional(),
    title: z.string().trim().min(1, '请填写标题').max(60),
    body: z.string().trim().min(1, '请填写正文').max(2000),
    tags: tags.default([]),
    issueTypes: z.array(issueType).max(8).default([]),
    status: z.enum(['draft', 'published']).default('draft'),
  }),
  async handle(ctx, p) {
    const { user, now } = ctx;
    const before = p.articleId ? await articles.find(p.articleId) : null;
    const article: KbArticle = {
      _id: before?._id ?? newKbId('kb'),
      title: maskFreeText(p.title),
      body: maskFreeText(p.body),
      tags: p.tags.map(maskFreeText),
      issueTypes: [...new Set(p.issueTypes)],
      status: p.status,
      ...(before?.fromGap ? { fromGap: before.fromGap } : {}),
      updatedBy: user._id,
      updatedAt: now,
    };
    await articles.save(ctx, before, article);
    return { article };
  },
});

export const kbRemove = route('kb/remove', {
  params: z.object({ articleId: z.string().min(1) }),
  async handle(ctx, p) {
    const before = await articles.find(p.articleId);
    await articles.remove(ctx, before);
    return { removed: before._id };
  },
});

export const kbGaps = route('kb/gaps', {
  params: z.object({ days: z.number().int().min(1).max(90).default(30) }),
  async handle({ user, now }, p) {
    const team = user.role === 'supervisor' ? (user.team ?? '__none__') : undefined;
    return computeGaps({ team, days: p.days, now });
  },
});

export const kbDraftFromGap = route('kb/draftFromGap', {
  params: z.object({
    issueType,
    questions: z.array(z.string().trim().min(1).max(200)).min(1).max(10),
    title: z.string().trim().min(1).max(60).optional(),
  }),
  async handle(ctx, p) {
    const { user, now } = ctx;
    const questions = p.questions.map(maskFreeText);
    const name = ISSUE_TYPE_NAMES[p.issueType as keyof typeof ISSUE_TYPE_NAMES];
    const article: KbArticle = {
      _id: newKbId('kb'),
      title: p.title ? maskFreeText(p.title) : `${name}：${questions[0].slice(0, 24)}`,
      body: `客户常问：\n${questions.map((q, i) => `${i + 1}. ${q}`).join('\n')}\n\n标准答复：（待补充）`,
      tags: [],
      issueTypes: [p.issueType],
      status: 'draft',
      fromGap: { issueType: p.issueType, questions },
      updatedBy: user._id,
      updatedAt: now,
    };
    await articles.save(ctx, null, article, 'draftFromGap');
    return { article };
  },
});

/**
 * Scorecard settings (admins only, ACTION_ACCESS): list, read, draft, edit, preview, publish,
 * roll back, discard, and the precedence of overlapping scopes. The work and the audit entries
 * are in common/scorecards.service.ts; here only the parameters.
 */
import { z } from 'zod';
import {
  discardDraft,
  listScorecards,
  precedenceView,
  previewScorecard,
  publishDraft,
  rollbackTo,
  saveDraft,
  scorecardDetail,
  setPrecedence,
  startDraft,
} from '../../common/scorecards.service';
import { scorecardEditSchema } from '../../core/scoring/scorecard.edit';
import { route } from '../router';

const scorecardId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, '评分卡 id 只能使用小写字母、数字和连字符');
const scopeList = z.array(z.string().trim().min(1).max(40)).max(50).optional();

export const scorecardsList = route('scorecards/list', {
  params: z.object({}).strip(),
  async handle() {
    return listScorecards();
  },
});

export const scorecardsGet = route('scorecards/get', {
  params: z.object({ scorecardId, version: z.number().int().positive().optional() }).strict(),
  async handle(_ctx, p) {
    return scorecardDetail(p.scorecardId, p.version);
  },
});

export const scorecardsDraft = route('scorecards/draft', {
  params: z
    .object({
      scorecardId,
      copyAs: z
        .object({
          id: scorecardId,
          name: z.string().trim().min(1).max(40).optional(),
          scope: z.object({ channels: scopeList, businessLines: scopeList, issueTypes: scopeList }).strict().optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  async handle({ user, now }, p) {
    return startDraft(p.scorecardId, p.copyAs, user._id, now);
  },
});

export const scorecardsSaveDraft = route('scorecards/saveDraft', {
  params: z
    .object({
      scorecardId,
      edits: z.array(scorecardEditSchema).min(1, '至少需要一处修改').max(200).optional(),
      /** The whole draft; checked by the scorecard schema, which names each field in Chinese. */
      draft: z.record(z.unknown()).optional(),
    })
    .strict()
    .refine((p) => (p.edits === undefined) !== (p.draft === undefined), '需要 edits 或 draft 之一'),
  async handle({ user, now }, p) {
    return saveDraft(p.scorecardId, { edits: p.edits, draft: p.draft }, user._id, now);
  },
});

export const scorecardsPreview = route('scorecards/preview', {
  params: z
    .object({
      scorecardId,
      text: z.string().trim().min(1, '请输入一句话').max(500).optional(),
      role: z.enum(['customer', 'agent']).optional(),
      sessionId: z.string().min(1).max(200).optional(),
    })
    .strict()
    .refine((p) => (p.text === undefined) !== (p.sessionId === undefined), '需要 text 或 sessionId 之一'),
  async handle({ now }, p) {
    return previewScorecard(p.scorecardId, p, now);
  },
});

export const scorecardsPublish = route('scorecards/publish', {
  params: z.object({ scorecardId }).strict(),
  async handle({ user, now }, p) {
    return publishDraft(p.scorecardId, user._id, now);
  },
});

export const scorecardsRollback = route('scorecards/rollback', {
  params: z.object({ scorecardId, version: z.number().int().positive() }).strict(),
  async handle({ user, now }, p) {
    return rollbackTo(p.scorecardId, p.version, user._id, now);
  },
});

export const scorecardsDiscardDraft = route('scorecards/discardDraft', {
  params: z.object({ scorecardId }).strict(),
  async handle({ user, now }, p) {
    return { discarded: await discardDraft(p.scorecardId, user._id, now) };
  },
});

export const scorecardsPrecedence = route('scorecards/precedence', {
  params: z
    .object({
      set: z
        .object({ order: z.array(scorecardId).max(200), defaultId: scorecardId })
        .strict()
        .optional(),
    })
    .strict(),
  async handle({ user, now }, p) {
    return p.set ? setPrecedence(p.set, user._id, now) : precedenceView();
  },
});

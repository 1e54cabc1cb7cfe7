/**
 * Quick replies (issue 16): `replyTemplates`, a small collection rather than a settings entry so
 * each template is its own audited record. Admins keep everyone's (no `team`) and any team's;
 * supervisors keep their own team's; agents read their team's and everyone's. Masked when stored.
 */
import { z } from 'zod';
import type { ReplyTemplate } from '../../core/desk/desk.model';
import { DomainError, ERROR_CODES } from '../../core/errors';
import type { User } from '../../core/model';
import { maskFreeText } from '../../core/privacy/pii.mask';
import { getTemplate, listTemplates, newDeskId, putTemplate, removeTemplate } from '../../common/desk.repository';
import { route } from '../router';
import { auditedRecords } from './audited-records';

const fields = (t: ReplyTemplate | null) => (t ? { title: t.title, text: t.text, team: t.team ?? null } : null);

function assertMayEdit(user: User, template: ReplyTemplate): void {
  if (user.role !== 'admin' && (!template.team || template.team !== user.team)) {
    throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '只能维护本组的快捷回复');
  }
}

const templates = auditedRecords<ReplyTemplate>({
  entity: 'replyTemplate',
  fields,
  get: getTemplate,
  notFound: (id) => new DomainError(ERROR_CODES.TEMPLATE_NOT_FOUND, `快捷回复不存在: ${id}`),
  put: putTemplate,
  remove: removeTemplate,
});

export const replyTemplatesList = route('replyTemplates/list', {
  params: z.object({}),
  async handle({ user }) {
    return { items: await listTemplates(user.role === 'admin' ? undefined : (user.team ?? null)) };
  },
});

export const replyTemplatesSave = route('replyTemplates/save', {
  params: z.object({
    templateId: z.string().min(1).optional(),
    title: z.string().trim().min(1, '请填写标题').max(40),
    text: z.string().trim().min(1, '请填写回复内容').max(500),
    team: z.string().trim().min(1).max(64).optional(),
  }),
  async handle(ctx, p) {
    const { user, now } = ctx;
    const before = p.templateId ? await templates.find(p.templateId) : null;
    if (before) assertMayEdit(user, before);
    // A supervisor's template is their team's; an admin names a team or writes everyone's.
    const team = user.role === 'admin' ? p.team : user.team;
    if (user.role !== 'admin' && (!team || (p.team !== undefined && p.team !== team))) {
      throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '只能维护本组的快捷回复');
    }
    const template: ReplyTemplate = {
      _id: before?._id ?? newDeskId('tpl'),
      title: maskFreeText(p.title),
      text: maskFreeText(p.text),
      ...(team ? { team } : {}),
      updatedBy: user._id,
      updatedAt: now,
    };
    await templates.save(ctx, before, template);
    return { template };
  },
});

export const replyTemplatesRemove = route('replyTemplates/remove', {
  params: z.object({ templateId: z.string().min(1) }),
  async handle(ctx, p) {
    const before = await templates.find(p.templateId);
    assertMayEdit(ctx.user, before);
    await templates.remove(ctx, before);
    return { removed: before._id };
  },
});

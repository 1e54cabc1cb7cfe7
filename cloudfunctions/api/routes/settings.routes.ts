/** The audit log screen and the general settings (issue 14, the admins' settings). */
import { z } from 'zod';
import { FCR_HOURS_MAX, FCR_HOURS_MIN } from '../../core/reports/report.later';
import { listAudit } from '../../common/admin/audit.query';
import { getSettings, setSettings } from '../../common/admin/settings.service';
import { route } from '../router';
import { paging } from './paging';

const word = z.string().trim().min(1).max(64);

export const auditList = route('audit/list', {
  params: z
    .object({
      by: word.optional(),
      entity: word.optional(),
      action: word.optional(),
      from: z.number().int().min(0).optional(),
      to: z.number().int().min(0).optional(),
      ...paging,
    })
    .strict(),
  async handle(_ctx, { limit, skip, ...filter }) {
    return listAudit(filter, limit, skip);
  },
});

export const settingsGet = route('settings/get', {
  params: z.object({}).strip(),
  async handle() {
    return getSettings();
  },
});

const days = z.number().int().min(1, '至少 1 天').max(90, '最多 90 天');

export const settingsSet = route('settings/set', {
  params: z
    .object({
      appeals: z.object({ windowDays: days.optional(), decideWithinDays: days.optional() }).strict().optional(),
      sampling: z
        .object({
          dueDays: z.number().int().min(1).max(60).optional(),
          share: z.number().gt(0, '抽样比例须大于 0').max(1, '抽样比例最多 100%').optional(),
        })
        .strict()
        .optional(),
      reports: z
        .object({
          fcrHours: z
            .number()
            .int()
            .min(FCR_HOURS_MIN, `至少 ${FCR_HOURS_MIN} 小时`)
            .max(FCR_HOURS_MAX, `最多 ${FCR_HOURS_MAX} 小时`)
            .optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  async handle({ user, now }, p) {
    return setSettings(p, user._id, now);
  },
});

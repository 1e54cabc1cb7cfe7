/**
 * Personal-data duties (issue 17, PIPL): the retention period of message texts, and a customer's
 * request to see or erase what is held about them. Admins only; every change audited, the
 * customer named in the log by a digest (common/personal-data.service.ts).
 */
import { z } from 'zod';
import {
  eraseCustomer,
  exportCustomer,
  retentionSettings,
  RETENTION_MAX_DAYS,
  RETENTION_MIN_DAYS,
  setRetention,
} from '../../common/personal-data.service';
import { route } from '../router';

const customerId = z.string().trim().min(1, '请填写客户标识').max(128);

export const retentionGet = route('retention/get', {
  params: z.object({}).strip(),
  async handle() {
    return retentionSettings();
  },
});

export const retentionSet = route('retention/set', {
  params: z
    .object({
      messageDays: z
        .number()
        .int()
        .min(RETENTION_MIN_DAYS, `保留期至少 ${RETENTION_MIN_DAYS} 天`)
        .max(RETENTION_MAX_DAYS, `保留期至多 ${RETENTION_MAX_DAYS} 天`),
    })
    .strip(),
  async handle({ user, now }, p) {
    return setRetention(user._id, { messageDays: p.messageDays }, now);
  },
});

export const customersExport = route('customers/export', {
  params: z.object({ customerId, skip: z.number().int().min(0).max(100_000).default(0) }).strip(),
  async handle({ user, now }, p) {
    return exportCustomer(user._id, p.customerId, p.skip, now);
  },
});

export const customersErase = route('customers/erase', {
  params: z.object({ customerId, confirm: z.literal(true, { message: '删除前须确认' }) }).strip(),
  async handle({ user, now }, p) {
    return eraseCustomer(user._id, p.customerId, now);
  },
});

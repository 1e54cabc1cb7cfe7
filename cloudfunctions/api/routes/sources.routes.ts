/**
 * Signed-ingest sources (issue 14): list, create, rotate, disable. A secret leaves the system
 * once, in the answer to `create` or `rotate`; see common/admin/sources.service.ts.
 */
import { z } from 'zod';
import {
  ROTATION_DEFAULT_GRACE_HOURS,
  ROTATION_MAX_GRACE_HOURS,
  SOURCE_ID_PATTERN,
} from '../../core/admin/admin.model';
import { createSource, disableSource, listSources, rotateSource } from '../../common/admin/sources.service';
import { route } from '../router';

const sourceId = z
  .string()
  .trim()
  .regex(SOURCE_ID_PATTERN, '来源标识：2-32 位小写字母、数字、下划线或连字符，以字母或数字开头');

export const sourcesList = route('sources/list', {
  params: z.object({}).strip(),
  async handle({ now }) {
    return { items: await listSources(now) };
  },
});

export const sourcesCreate = route('sources/create', {
  params: z.object({ sourceId, name: z.string().trim().min(1, '请填写来源名称').max(40) }).strict(),
  async handle({ user, now }, p) {
    return createSource(p.sourceId, p.name, user._id, now);
  },
});

export const sourcesRotate = route('sources/rotate', {
  params: z
    .object({
      sourceId,
      graceHours: z.number().min(0).max(ROTATION_MAX_GRACE_HOURS).default(ROTATION_DEFAULT_GRACE_HOURS),
    })
    .strict(),
  async handle({ user, now }, p) {
    return rotateSource(p.sourceId, p.graceHours, user._id, now);
  },
});

export const sourcesDisable = route('sources/disable', {
  params: z.object({ sourceId }).strict(),
  async handle({ user, now }, p) {
    return { source: await disableSource(p.sourceId, user._id, now) };
  },
});

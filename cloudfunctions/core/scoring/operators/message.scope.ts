import { z } from 'zod';
import type { EvalContext } from '../scoring.types';

export const roleSchema = z.enum(['customer', 'agent', 'system', 'supervisor', 'any']);
export type RoleSelector = z.infer<typeof roleSchema>;

/** Restricts a condition to the first or last N messages of the selected role. */
export const withinSchema = z
  .object({ first: z.number().int().positive().optional(), last: z.number().int().positive().optional() })
  .strict()
  .refine((w) => (w.first === undefined) !== (w.last === undefined), { message: '需要且只能给出 first 或 last 之一' });
export type Within = z.infer<typeof withinSchema>;

/** Whether message i belongs to the scope a condition looks at. */
export function inScope(ctx: EvalContext, i: number, role: RoleSelector, within: Within | undefined): boolean {
  const m = ctx.messages[i];
  if (role !== 'any' && m.role !== role) return false;
  if (!within) return true;
  // Windows count within the selected role (or all messages for 'any').
  const ord = role === 'any' ? i : ctx.roleOrdinal[i];
  const count = role === 'any' ? ctx.messages.length : ctx.roleCount(role);
  if (within.first !== undefined) return ord < within.first;
  return ord >= count - (within.last ?? 0);
}

export const ROLE_LABEL: Record<RoleSelector, string> = {
  customer: '客户',
  agent: '客服',
  system: '系统',
  supervisor: '主管',
  any: '',
};

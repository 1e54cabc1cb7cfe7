/**
 * One router for every call from the mini-program. Written once here: identity from the
 * WeChat context, the role table of the contract, parameter validation, and the envelope.
 * Routes only hold what is particular to their action.
 */
import type { ZodType } from 'zod';
import {
  ACTION_ROLES,
  type ActionName,
  type ActionParams,
  type ActionResult,
  type ApiResponse,
} from '../core/api.contract';
import { DomainError, ERROR_CODES, isDomainError } from '../core/errors';
import type { User } from '../core/model';
import { cloud, now } from '../common/cloud';
import { findUser } from '../common/users.repository';

export interface RouteContext {
  user: User;
  now: number;
}

export interface Route<A extends ActionName> {
  params: ZodType<ActionParams<A>>;
  handle(ctx: RouteContext, params: ActionParams<A>): Promise<ActionResult<A>>;
}

export type RouteTable = { [A in ActionName]: Route<A> };

function describeZodError(issues: { path: (string | number)[]; message: string }[]): string {
  return issues.map((i) => `${i.path.join('.') || '(参数)'}: ${i.message}`).join('; ');
}

export function createRouter(routes: RouteTable) {
  return async function handle(event: unknown): Promise<ApiResponse<unknown>> {
    try {
      if (typeof event !== 'object' || event === null)
        throw new DomainError(ERROR_CODES.INPUT_INVALID, '请求必须是对象');
      const { action, ...raw } = event as { action?: unknown } & Record<string, unknown>;
      delete raw.userInfo; // added by wx.cloud.callFunction itself
      // Own properties only: `constructor`, `__proto__` or `toString` are `in` every object.
      if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(routes, action)) {
        throw new DomainError(ERROR_CODES.ACTION_UNKNOWN, `未知操作: ${String(action)}`);
      }
      const name = action as ActionName;
      const { OPENID } = cloud.getWXContext();
      const user = OPENID ? await findUser(OPENID) : null;
      if (!user) throw new DomainError(ERROR_CODES.AUTH_UNKNOWN_USER, '当前微信用户未登记，请联系管理员开通');
      if (!ACTION_ROLES[name].includes(user.role)) {
        throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, `角色 ${user.role} 无权执行 ${name}`);
      }
      const route = routes[name] as unknown as Route<ActionName>;
      const parsed = route.params.safeParse(raw);
      if (!parsed.success) {
        throw new DomainError(ERROR_CODES.INPUT_INVALID, describeZodError(parsed.error.issues));
      }
      const data = await route.handle({ user, now: now() }, parsed.data);
      return { ok: true, data };
    } catch (e) {
      if (isDomainError(e)) return { ok: false, code: e.code, message: e.message };
      console.error('[api] internal error', e);
      return { ok: false, code: ERROR_CODES.INTERNAL, message: '服务内部错误，请稍后重试' };
    }
  };
}

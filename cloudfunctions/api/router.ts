/**
 * One router for every call from the mini-program. Written once here: identity from the
 * WeChat context, the role table of the contract, parameter validation, and the envelope.
 * Routes only hold what is particular to their action.
 */
import type { ZodType, ZodTypeDef } from 'zod';
import {
  ACTION_ROLES,
  OPEN_ACTIONS,
  type ActionName,
  type ActionParams,
  type ActionResult,
  type ApiResponse,
} from '../core/api.contract';
import { DomainError, ERROR_CODES, isDomainError } from '../core/errors';
import { isActiveUser, type User } from '../core/model';
import { cloud, now } from '../common/cloud';
import { findUser } from '../common/users.repository';
import { logFailure } from '../common/log';

export interface RouteContext {
  user: User;
  now: number;
}

/** What an open action (OPEN_ACTIONS) receives: the caller's OPENID, and their account if any. */
export interface OpenContext {
  openid: string;
  user: User | null;
  now: number;
}

/**
 * An action's route. The handler receives what the schema makes of the request (zod's output:
 * defaults filled in, strings trimmed), so no route restates a default or casts its schema.
 */
export interface Route<A extends ActionName, P = ActionParams<A>> {
  params: ZodType<P, ZodTypeDef, unknown>;
  handle(ctx: RouteContext, params: P): Promise<ActionResult<A>>;
  /** Set for open actions only: called for a signed-in caller with no account too. */
  handleOpen?(ctx: OpenContext, params: P): Promise<ActionResult<A>>;
}

/** Compiles only when the schema accepts every request the contract allows (its input `I`). */
type AcceptsContract<A extends ActionName, I> = [ActionParams<A>] extends [I] ? unknown : { params: never };

/** A route for `action`: its handler typed by the schema's output, its schema checked against the contract. */
export function route<A extends ActionName, P, I>(
  _action: A,
  r: {
    params: ZodType<P, ZodTypeDef, I>;
    handle(ctx: RouteContext, params: P): Promise<ActionResult<A>>;
  } & AcceptsContract<A, I>,
): Route<A, P> {
  return r;
}

/** A route of OPEN_ACTIONS: its handler serves callers with and without an account alike. */
export function openRoute<A extends ActionName, P, I>(
  _action: A,
  r: {
    params: ZodType<P, ZodTypeDef, I>;
    handleOpen(ctx: OpenContext, params: P): Promise<ActionResult<A>>;
  } & AcceptsContract<A, I>,
): Route<A, P> {
  return {
    params: r.params,
    handle: ({ user, now }, p) => r.handleOpen({ openid: user._id, user, now }, p),
    handleOpen: r.handleOpen,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's own output type
export type RouteTable = { [A in ActionName]: Route<A, any> };

function describeZodError(issues: { path: (string | number)[]; message: string }[]): string {
  return issues.map((i) => `${i.path.join('.') || '(参数)'}: ${i.message}`).join('; ');
}

export function createRouter(routes: RouteTable) {
  return async function handle(event: unknown): Promise<ApiResponse<unknown>> {
    let name: ActionName | undefined; // known once the action is found: the log names it
    try {
      if (typeof event !== 'object' || event === null)
        throw new DomainError(ERROR_CODES.INPUT_INVALID, '请求必须是对象');
      const { action, ...raw } = event as { action?: unknown } & Record<string, unknown>;
      delete raw.userInfo; // added by wx.cloud.callFunction itself
      // Own properties only: `constructor`, `__proto__` or `toString` are `in` every object.
      if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(routes, action)) {
        // Named only when it is a string: String() of an object can throw (found by `npm run fuzz`).
        throw new DomainError(
          ERROR_CODES.ACTION_UNKNOWN,
          `未知操作: ${typeof action === 'string' ? action.slice(0, 100) : `(${typeof action})`}`,
        );
      }
      name = action as ActionName;
      const { OPENID } = cloud.getWXContext();
      const user = OPENID ? await findUser(OPENID) : null;
      const target: Route<ActionName, unknown> = routes[name];
      // A deactivated account is refused at every door, open ones included (issue 14).
      if (user && !isActiveUser(user)) throw new DomainError(ERROR_CODES.AUTH_DEACTIVATED, '账号已停用，请联系管理员');
      const open = !user && !!OPENID && OPEN_ACTIONS.includes(name) && !!target.handleOpen;
      if (!user && !open) throw new DomainError(ERROR_CODES.AUTH_UNKNOWN_USER, '当前微信用户未登记，请联系管理员开通');
      if (user && !ACTION_ROLES[name].includes(user.role)) {
        throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, `角色 ${user.role} 无权执行 ${name}`);
      }
      const parsed = target.params.safeParse(raw);
      if (!parsed.success) {
        throw new DomainError(ERROR_CODES.INPUT_INVALID, describeZodError(parsed.error.issues));
      }
      const data = user
        ? await target.handle({ user, now: now() }, parsed.data)
        : await target.handleOpen!({ openid: OPENID!, user: null, now: now() }, parsed.data);
      return { ok: true, data };
    } catch (e) {
      if (isDomainError(e)) return { ok: false, code: e.code, message: e.message };
      logFailure('api', e, { action: name });
      return { ok: false, code: ERROR_CODES.INTERNAL, message: '服务内部错误，请稍后重试' };
    }
  };
}

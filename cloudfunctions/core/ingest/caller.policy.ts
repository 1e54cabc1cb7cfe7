/**
 * Who may call `ingest` and `sweep`, decided from `cloud.getWXContext().SOURCE`: every cloud
 * function can be called by any mini-program user with `wx.cloud.callFunction`, so a function
 * that must not serve the client has to look at where its call chain started.
 *
 * What the WeChat Cloud documentation says (Cloud.getWXContext: developers.weixin.qq.com
 * /minigame/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.md, and the older
 * /miniprogram/dev/wxcloud/reference-server-api/utils/getWXContext.html, which lists fewer values):
 *   - SOURCE is always present (存在条件: 无, SDK ≥ 0.7.0) and follows the call chain, comma-joined:
 *     the mini-program calls A → A sees `wx_client`; A calls B → B sees `wx_client,scf`;
 *   - values: wx_devtools (IDE), wx_client (mini-program), wx_http (WeChat HTTP API, i.e. a
 *     server holding an access_token), wx_trigger (timer), wx_paycallback, wx_crawler (the
 *     mini-program crawler), wx_localdebug (IDE local debugging), wx_unknown, scf (function
 *     to function), 其他 = "not triggered from WeChat"; in local debugging SOURCE is wx_client.
 * What a customer-service message push looks like to the function (云函数接收消息推送,
 * developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/openapi.html):
 *   - `event` IS the push, the documented JSON object `{ FromUserName, ToUserName, CreateTime,
 *     MsgType, Content | MediaId | Event…, MsgId }` (JSON only, no XML);
 *   - the documented handler answers the customer with `touser: cloud.getWXContext().OPENID`,
 *     so for a push OPENID is the customer, i.e. the push's FromUserName.
 * NOT documented (searched the docs, pages and code corpora): the SOURCE value of a message
 * push. The safest reading that still accepts real pushes is therefore a deny rule, not an
 * allow rule on an unknown value: a push is accepted from any chain that does not START at a
 * client (the clients are the untrusted parties that can hand `ingest` an event of their
 * choosing; wx_http needs the AppSecret's access token), and a push whose context names an
 * OPENID other than its FromUserName is refused as forged. An empty SOURCE (never seen in the
 * cloud) is refused too. The local host sends pushes as `LOCAL_PUSH_SOURCE`, a non-client value
 * standing in for the undocumented one.
 *
 * The other doors of `ingest` need no caller identity beyond that: the signed ingest API and
 * the WeCom callback arrive through the HTTP access service as `{ httpMethod, headers, body }`
 * (never as a bare push or import) and carry their own signatures; imports come from trusted
 * server code (`api` in-process for admins, the CLI and demo seed as a server-side caller).
 * `sweep` serves the timer only: nothing else has a reason to run it.
 */
import { ERROR_CODES } from '../errors';

/** Origins that are a person holding the mini-program (or its IDE): never trusted with input. */
export const CLIENT_SOURCES: readonly string[] = ['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_crawler'];
export const TIMER_SOURCE = 'wx_trigger';
/** What the local host stamps on a push (the cloud's own value is undocumented, see above). */
export const LOCAL_PUSH_SOURCE = 'wx_msgpush';
/** What the local host stamps on trusted server-side callers (CLI import, demo seed). */
export const SERVER_SOURCE = 'wx_http';

export interface CallerContext {
  SOURCE?: unknown;
  OPENID?: unknown;
}

export interface CallerRefusal {
  ok: false;
  code: typeof ERROR_CODES.CALLER_REFUSED;
  message: string;
}

/** `wx_client,scf` → ['wx_client', 'scf']; anything that is not a non-empty string → []. */
export function sourceChain(source: unknown): string[] {
  if (typeof source !== 'string') return [];
  return source
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function refuse(message: string): CallerRefusal {
  return { ok: false, code: ERROR_CODES.CALLER_REFUSED, message };
}

function isPushShaped(event: unknown): event is { FromUserName?: unknown } {
  return typeof event === 'object' && event !== null && 'MsgType' in event && 'FromUserName' in event;
}

/** Null when `ingest` may serve this caller with this event; the refusal otherwise. */
export function ingestCallerRefusal(ctx: CallerContext, event: unknown): CallerRefusal | null {
  const chain = sourceChain(ctx.SOURCE);
  const origin = chain[0];
  if (!origin) return refuse('无法确认调用来源，拒绝处理');
  if (CLIENT_SOURCES.includes(origin)) return refuse('ingest 只接收微信消息推送和服务端调用，小程序端不可调用');
  // ingest has no timer trigger: a timer firing it directly is not one of its doors (a timer
  // function of ours calling it, `wx_trigger,scf`, is our own code and is served).
  if (chain.length === 1 && origin === TIMER_SOURCE) return refuse('ingest 不由定时触发器调用');
  if (isPushShaped(event)) {
    const openid = typeof ctx.OPENID === 'string' ? ctx.OPENID : '';
    const from = event.FromUserName;
    // Compared as it came: a FromUserName that is not a string (an object whose toString
    // throws, found by `npm run fuzz`) is not the sender's openid, whatever it converts to.
    if (openid && from !== openid) return refuse('推送的发送者与调用上下文不符，拒绝处理');
  }
  return null;
}

/** Null when `sweep` may run for this caller: the timer, and nothing else. */
export function sweepCallerRefusal(ctx: CallerContext): CallerRefusal | null {
  const chain = sourceChain(ctx.SOURCE);
  if (chain.length === 1 && chain[0] === TIMER_SOURCE) return null;
  return refuse('sweep 只由定时触发器调用');
}

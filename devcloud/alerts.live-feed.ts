/**
 * Server-sent events for the H5 build's alert list: the local stand-in for the realtime
 * `watch()` the weapp build uses. A connection sees exactly what the security rule lets a
 * supervisor watch (alerts whose `routedTo` holds their openid); admins see all.
 *
 * Identity is the one `/api/callFunction` uses (the `X-Openid` header the local sign-in sets).
 * EventSource cannot send headers, so a stream is opened in two steps:
 *   POST /live/alerts/ticket   header X-Openid → { ticket, expiresAt } (supervisors and admins)
 *   GET  /live/alerts?ticket=<ticket>
 *     event: ready   data: {}
 *     event: alert   data: {"type":"added"|"updated","alert":{...}}
 * A ticket is 32 random bytes, good for one connection within TICKET_TTL_MS, and bound to the
 * openid that asked for it: a URL in a log or a browser history opens nothing later, and no
 * query parameter names who is watching. Streams are capped per user and in total, so one
 * caller cannot hold the host's sockets.
 */
import { randomBytes } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { isActiveUser, type Alert, type User } from '../cloudfunctions/core/model';
import type { DocumentStore, StoreChange } from './store/document.store';

const HEARTBEAT_MS = 15_000;

export interface LiveFeedLimits {
  /** Open streams one user may hold (a few tabs). */
  perUser: number;
  /** Open streams the host holds in all. */
  total: number;
  /** How long a ticket may wait before it is used. */
  ticketTtlMs: number;
  /** Tickets issued and not yet used, at most (expired ones are dropped first). */
  pendingTickets: number;
}

export const LIVE_FEED_LIMITS: LiveFeedLimits = { perUser: 5, total: 200, ticketTtlMs: 30_000, pendingTickets: 1_000 };

interface Client {
  openid: string;
  admin: boolean;
  res: ServerResponse;
}

export interface LiveFeedAnswer {
  status: number;
  body: unknown;
}

function refusal(status: number, code: string, message: string): LiveFeedAnswer {
  return { status, body: { error: { code, message } } };
}

function sendAnswer(res: ServerResponse, answer: LiveFeedAnswer): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export class AlertLiveFeed {
  private readonly clients = new Set<Client>();
  private readonly tickets = new Map<string, { openid: string; expiresAt: number }>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly limits: LiveFeedLimits;

  constructor(
    private readonly store: DocumentStore,
    limits: Partial<LiveFeedLimits> = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.limits = { ...LIVE_FEED_LIMITS, ...limits };
    this.unsubscribe = store.onChange((change) => this.onChange(change));
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) c.res.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** The caller, if they may watch alerts; otherwise the refusal to send. */
  private watcher(openid: string | undefined): User | LiveFeedAnswer {
    const user = openid ? (this.store.findById('users', openid) as User | null) : null;
    if (!user) return refusal(401, 'AUTH.UNKNOWN_USER', '当前微信用户未登记，请联系管理员开通');
    if (!isActiveUser(user)) return refusal(403, 'AUTH.DEACTIVATED', '账号已停用，请联系管理员');
    if (user.role !== 'supervisor' && user.role !== 'admin') {
      return refusal(403, 'AUTH.FORBIDDEN', '只有主管和管理员可以订阅告警');
    }
    return user;
  }

  /** A one-use ticket for the caller `/api/callFunction` would see (`X-Openid`). */
  issueTicket(openid: string | undefined): LiveFeedAnswer {
    const user = this.watcher(openid);
    if (!('_id' in user)) return user;
    const now = this.clock();
    for (const [t, v] of this.tickets) if (v.expiresAt <= now) this.tickets.delete(t);
    if (this.tickets.size >= this.limits.pendingTickets) {
      return refusal(429, 'LIVE.TOO_MANY_TICKETS', '实时告警连接请求过多，请稍后重试');
    }
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = now + this.limits.ticketTtlMs;
    this.tickets.set(ticket, { openid: user._id, expiresAt });
    return { status: 200, body: { ticket, expiresAt } };
  }

  /** Answers 401/403/429 JSON for a caller who may not (or no longer) watch; otherwise holds the stream open. */
  connect(req: IncomingMessage, res: ServerResponse, ticket: string | null): void {
    const issued = ticket ? this.tickets.get(ticket) : undefined;
    if (ticket) this.tickets.delete(ticket);
    if (!issued || issued.expiresAt <= this.clock()) {
      return sendAnswer(res, refusal(401, 'LIVE.BAD_TICKET', '实时告警连接凭证无效或已过期，请重新连接'));
    }
    // The role is read again: a user demoted since the ticket was issued is refused.
    const user = this.watcher(issued.openid);
    if (!('_id' in user)) return sendAnswer(res, user);
    const mine = [...this.clients].filter((c) => c.openid === user._id).length;
    if (mine >= this.limits.perUser || this.clients.size >= this.limits.total) {
      return sendAnswer(res, refusal(429, 'LIVE.TOO_MANY_STREAMS', '实时告警连接数已达上限，请关闭其他页面后重试'));
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\nevent: ready\ndata: {}\n\n');
    const client: Client = { openid: user._id, admin: user.role === 'admin', res };
    this.clients.add(client);
    req.on('close', () => this.clients.delete(client));
  }

  private onChange(change: StoreChange): void {
    if (change.coll !== 'alerts' || change.kind === 'remove' || this.clients.size === 0) return;
    const alert = this.store.findById('alerts', change.id) as Alert | null;
    if (!alert) return;
    const payload = `event: alert\ndata: ${JSON.stringify({ type: change.kind === 'insert' ? 'added' : 'updated', alert })}\n\n`;
    for (const c of this.clients) {
      if (c.admin || (Array.isArray(alert.routedTo) && alert.routedTo.includes(c.openid))) c.res.write(payload);
    }
  }

  get connections(): number {
    return this.clients.size;
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }
}

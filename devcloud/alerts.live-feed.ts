/**
 * Server-sent events for the H5 build's alert list: the local stand-in for the realtime
 * `watch()` the weapp build uses. A connection sees exactly what the security rule lets a
 * supervisor watch (alerts whose `routedTo` holds their openid); admins see all.
 *
 *   GET /live/alerts?openid=<openid>   (EventSource cannot send headers; local mode only)
 *   event: ready   data: {}
 *   event: alert   data: {"type":"added"|"updated","alert":{...}}
 */
import type { IncomingMessage, ServerResponse } from 'http';
import type { Alert, User } from '../cloudfunctions/core/model';
import type { DocumentStore, StoreChange } from './store/document.store';

const HEARTBEAT_MS = 15_000;

interface Client {
  openid: string;
  admin: boolean;
  res: ServerResponse;
}

export class AlertLiveFeed {
  private readonly clients = new Set<Client>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly store: DocumentStore) {
    this.unsubscribe = store.onChange((change) => this.onChange(change));
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) c.res.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Answers 401/403 JSON for a caller who may not watch alerts; otherwise holds the stream open. */
  connect(req: IncomingMessage, res: ServerResponse, openid: string | null): void {
    const user = openid ? (this.store.findById('users', openid) as User | null) : null;
    if (!user || (user.role !== 'supervisor' && user.role !== 'admin')) {
      const status = user ? 403 : 401;
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          error: { code: user ? 'AUTH.FORBIDDEN' : 'AUTH.UNKNOWN_USER', message: '只有主管和管理员可以订阅告警' },
        }),
      );
      return;
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

/**
 * WeCom group robots (群机器人): one webhook URL per team, in `teams` (`{ _id: team,
 * robotWebhook }`). A robot takes at most 20 messages a minute; more are folded into a digest
 * by the caller (alert.delivery.ts).
 */
import { request as httpRequest } from 'http';
import { request as httpsRequest } from 'https';
import { byId, COLLECTIONS } from '../cloud';

/** WeCom's documented limit per robot. */
export const ROBOT_PER_MINUTE = 20;
const TIMEOUT_MS = 3000;

export interface Team {
  _id: string;
  robotWebhook?: string;
}

export async function robotWebhookOf(team: string): Promise<string | null> {
  const doc = await byId<Team>(COLLECTIONS.teams, team);
  return doc?.robotWebhook || null;
}

/** POSTs a markdown message; resolves with WeCom's `{ errcode, errmsg }`, rejects on transport errors. */
export function postMarkdown(url: string, content: string): Promise<{ errcode: number; errmsg: string }> {
  const body = JSON.stringify({ msgtype: 'markdown', markdown: { content } });
  const target = new URL(url);
  const request = target.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            const answer = JSON.parse(text) as { errcode?: number; errmsg?: string };
            resolve({ errcode: Number(answer.errcode ?? -1), errmsg: String(answer.errmsg ?? '') });
          } catch {
            resolve({ errcode: res.statusCode === 200 ? 0 : -(res.statusCode ?? 1), errmsg: text.slice(0, 200) });
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('robot webhook timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A stand-in for the local cloud host's HTTP surface (`GET /dev/users`,
 * `POST /api/callFunction`, `POST /live/alerts/ticket`), installed as `fetch`: the edge the H5
 * build talks to. Tickets name the openid they were asked for, so tests can see who asked.
 */
import type { ApiResponse } from '@core/api.contract';
import type { DemoUser } from '../../../src/services/auth';

export interface ApiCall {
  name: string;
  action: string;
  params: Record<string, unknown>;
  openid: string;
}

export type ApiHandler = (call: ApiCall) => ApiResponse<unknown> | Promise<ApiResponse<unknown>>;

export interface FakeHost {
  calls: ApiCall[];
  fetch: jest.Mock;
}

function response(status: number, body: unknown): Response {
  return { ok: status >= 200 && status < 300, status, json: async () => body } as unknown as Response;
}

export function installFakeHost(options: { users?: DemoUser[]; api?: ApiHandler }): FakeHost {
  const calls: ApiCall[] = [];
  let tickets = 0;
  const fetchMock = jest.fn(async (url: string, init?: RequestInit) => {
    if (url === '/dev/users') return response(200, options.users ?? []);
    if (url === '/live/alerts/ticket' && init?.method === 'POST') {
      const openid = (init.headers as Record<string, string>)['X-Openid'];
      tickets += 1;
      return response(200, { ticket: `ticket-${tickets}-for-${openid}`, expiresAt: Date.now() + 30_000 });
    }
    if (url === '/api/callFunction' && init?.method === 'POST') {
      const { name, data } = JSON.parse(String(init.body)) as { name: string; data: Record<string, unknown> };
      const { action, ...params } = data;
      const openid = (init.headers as Record<string, string>)['X-Openid'];
      const call = { name, action: String(action), params, openid };
      calls.push(call);
      if (!options.api) return response(500, { error: 'no api' });
      return response(200, { result: await options.api(call) });
    }
    return response(404, { error: 'not found' });
  });
  (globalThis as { fetch?: unknown }).fetch = fetchMock;
  return { calls, fetch: fetchMock };
}

export const ok = <T>(data: T): ApiResponse<T> => ({ ok: true, data });
export const fail = (code: string, message: string): ApiResponse<never> => ({ ok: false, code, message });

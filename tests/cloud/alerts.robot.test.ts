import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { resetStore, TEAM } from './harness';
import { agentMessage, customerSays, inStore, putDoc } from './alerts.support';
import { sendDigests } from '../../cloudfunctions/common/alerts/alert.delivery';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';

let server: Server;
let posted: { path: string; body: { msgtype: string; markdown: { content: string } } }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posted.push({ path: req.url ?? '', body: JSON.parse(body) });
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  await resetStore();
  posted = [];
  const { port } = server.address() as AddressInfo;
  await putDoc('teams', TEAM, { robotWebhook: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=test` });
});

describe("the team's WeCom group robot", () => {
  it("posts a markdown message for an alert of the team's session", async () => {
    await customerSays('在吗');
    await agentMessage('爱买不买');
    expect(posted).toHaveLength(1);
    expect(posted[0].path).toBe('/cgi-bin/webhook/send?key=test');
    expect(posted[0].body.msgtype).toBe('markdown');
    expect(posted[0].body.markdown.content).toMatch(/质检告警 · 严重[\s\S]*实时红线：服务态度恶劣[\s\S]*客服：kf001/);
    expect(await inStore('notifications', { channel: 'robot', status: 'sent' })).toHaveLength(1);
  });

  it('posts nothing for a session with no team yet', async () => {
    await customerSays('我要投诉你们');
    expect(posted).toEqual([]);
  });

  it('posts at most 20 messages a minute and sends the rest as one digest', async () => {
    const minuteStart = Math.floor(Date.now() / 60_000) * 60_000;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(minuteStart + 1000);
    try {
      for (let i = 0; i < 22; i++) {
        await customerSays('在吗', { customer: `oRobot${i}` });
        await agentMessage('爱买不买', { customer: `oRobot${i}` });
      }
    } finally {
      clock.mockRestore();
    }
    expect(posted).toHaveLength(20);
    await runWithContext({ SOURCE: 'wx_trigger' }, () => sendDigests(minuteStart + 60_000));
    expect(posted).toHaveLength(21);
    expect(posted[20].body.markdown.content).toMatch(/另有 2 条新告警未逐条推送/);
  });

  it('records a failing robot without losing the alert', async () => {
    await putDoc('teams', TEAM, { robotWebhook: 'http://127.0.0.1:1/unreachable' });
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await customerSays('在吗');
    await agentMessage('爱买不买');
    expect(logged).toHaveBeenCalledWith(
      expect.stringMatching(/^\[alerts\/robot\] team=售前一组 \w+ code=ECONNREFUSED/),
    );
    logged.mockRestore();
    expect(await inStore('alerts')).toHaveLength(1);
    expect(await inStore('notifications', { channel: 'robot', status: 'failed' })).toHaveLength(1);
  });
});

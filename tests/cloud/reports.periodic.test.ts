/**
 * Periodic review reports on the real SDK: the sweep after a month has closed writes one report
 * per recipient (admin: everyone by team; supervisor: their team by agent; agent: own figures),
 * with the headline figures matching `reports/overview`, the rules hit most, an XLSX that reads
 * back, an agent's notice and a subscription message where a consent is banked; running it again
 * writes nothing; each reads only their own through `reports/periodic/*`.
 */
import ExcelJS from 'exceljs';
import { binding, callApi, importAsServer, resetStore } from './harness';
import { inStore } from './alerts.support';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { sweepPeriodicReports } from '../../cloudfunctions/common/periodic-reports.service';
import { bankConsent, alertTemplateId } from '../../cloudfunctions/common/alerts/subscription.service';

const NOV = Date.parse('2026-11-10T12:00:00+08:00');
// 3 December, 03:00 China time: November has closed (so has 2026-Q3 and 2026-H1).
const AT = Date.parse('2026-12-03T03:00:00+08:00');
const M = 60_000;
const conv = (id: string, at: number, agentId: string, good: boolean) => ({
  id,
  channel: 'import',
  customerId: `c-${id}`,
  agentId,
  messages: [
    { role: 'customer', at, text: good ? '你好，我的快递三天了还没到' : '有人吗，我要投诉' },
    { role: 'agent', at: at + 25_000, text: good ? '您好，很高兴为您服务，马上为您查询物流' : '不知道' },
    ...(good ? [{ role: 'agent', at: at + 3 * M, text: '包裹预计明天送达，感谢您的耐心，祝您生活愉快' }] : []),
  ],
  rating: { csat: good ? 5 : 1, resolved: good },
});

type Rec = Record<string, unknown>;
const sweepAt = (at: number) => runWithContext({ SOURCE: 'wx_trigger' }, () => sweepPeriodicReports(at));

beforeAll(async () => {
  process.env.KEFU_PERIODIC_REPORTS = 'on';
  await resetStore();
  const plan: [string, boolean][] = [
    ['kf001', true],
    ['kf001', false],
    ['kf001', true],
    ['kf006', true],
    ['kf006', false],
  ];
  for (const [i, [agent, good]] of plan.entries()) await importAsServer(conv(`p${i}`, NOV + i * 10 * M, agent, good));
  await runWithContext({ SOURCE: 'test' }, () => bankConsent('sup-1', alertTemplateId(), true, AT - 1000));
});

afterAll(() => {
  process.env.KEFU_PERIODIC_REPORTS = 'off';
});

describe('periodic review reports', () => {
  it('is off when the environment says so', async () => {
    process.env.KEFU_PERIODIC_REPORTS = 'off';
    expect(await sweepAt(AT)).toBe(0);
    process.env.KEFU_PERIODIC_REPORTS = 'on';
  });

  it('waits for 02:00 China time', async () => {
    expect(await sweepAt(Date.parse('2026-12-03T01:30:00+08:00'))).toBe(0);
    expect(await inStore('periodicReports')).toEqual([]);
  });

  it('writes each recipient their report once per closed period', async () => {
    let made = 0;
    for (let run = 0; run < 5; run++) made += await sweepAt(AT);
    const reports = await inStore<Rec>('periodicReports');
    // month, quarter and half-year for admin-1, sup-1, sup-2; the month for agent-1 and agent-2.
    expect(made).toBe(11);
    expect(reports).toHaveLength(11);
    expect(reports.map((r) => r._id).sort()).toContain('pr_month_2026-11_sup-1');
    expect(reports.filter((r) => r.to === 'agent-1').map((r) => r.kind)).toEqual(['month']);
    expect(await sweepAt(AT)).toBe(0);
    expect(await inStore('periodicReports')).toHaveLength(11);
  }, 120_000);

  it("a supervisor's month: the team's figures as reports/overview gives them, top rules, an XLSX", async () => {
    const overview = (await callApi('sup-1', { action: 'reports/overview', period: 'month', key: '2026-11' })) as {
      data: { total: { figures: { sessions: number; passRate: { value: number } } } };
    };
    const r = (await callApi('sup-1', { action: 'reports/periodic/get', reportId: 'pr_month_2026-11_sup-1' })) as {
      ok: boolean;
      data: Rec & {
        summary: { headline: { key: string; value: number }[]; topRules: { rule: string; hits: number }[] };
        file: { fileID: string };
        url: string;
      };
    };
    expect(r.ok).toBe(true);
    expect(r.data).toMatchObject({ to: 'sup-1', kind: 'month', scope: { team: '售前一组' }, dim: 'agent' });
    const h = Object.fromEntries(r.data.summary.headline.map((x) => [x.key, x.value]));
    expect(h.sessions).toBe(3);
    expect(h.sessions).toBe(overview.data.total.figures.sessions);
    expect(h.passRate).toBeCloseTo(overview.data.total.figures.passRate.value, 9);
    expect(r.data.summary.topRules.length).toBeGreaterThan(0);
    expect(r.data.url).toMatch(/\/storage\/reports\//);
    const wb = new ExcelJS.Workbook();
    const file = (await binding.cloud.downloadFile({ fileID: r.data.file.fileID })) as { fileContent: Buffer };
    await wb.xlsx.load(file.fileContent as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('按坐席')!.getRow(2).getCell(1).value).toBe('kf001');
  });

  it('an agent gets their month in the inbox; a supervisor with a consent gets a message', async () => {
    // Reports only: the imports' 「不知道」 answers to a complaint also bring rectification notices (v7's red-line model).
    const notices = await inStore<Rec>('notices', { to: 'agent-1', kind: 'report' });
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'report',
        reportId: 'pr_month_2026-11_agent-1',
        title: expect.stringContaining('我的数据'),
      }),
    ]);
    const sent = await inStore<Rec>('notifications', { to: 'sup-1' });
    expect(sent.filter((n) => n.status === 'sent')).toHaveLength(1);
    expect((await inStore<Rec>('notifications', { to: 'sup-2' })).map((n) => n.status)).toEqual(
      expect.arrayContaining(['no-consent']),
    );
  });

  it('each reads only their own', async () => {
    const list = (await callApi('agent-1', { action: 'reports/periodic/list' })) as { data: { items: Rec[] } };
    expect(list.data.items.map((i) => i._id)).toEqual(['pr_month_2026-11_agent-1']);
    expect(
      await callApi('agent-1', { action: 'reports/periodic/get', reportId: 'pr_month_2026-11_sup-1' }),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await callApi('sup-1', { action: 'reports/periodic/get', reportId: 'pr_nothing' })).toMatchObject({
      ok: false,
      code: 'REPORT.NOT_FOUND',
    });
  });
});

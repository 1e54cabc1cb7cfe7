/**
 * `reports/export` end to end on the real SDK: the file lands in the local cloud storage, reads
 * back (exceljs for XLSX, a plain split for CSV) with the figures `reports/overview` answers, as
 * numbers, in the caller's scope only; the temp URL serves it until it expires; the sweep deletes
 * expired exports; the rate limit and the audit entry.
 */
import ExcelJS from 'exceljs';
import { binding, callApi, importAsServer, resetStore, runSweep, store } from './harness';
import { inStore, putDoc } from './alerts.support';
import { EXPORTS_PER_HOUR } from '../../cloudfunctions/api/routes/report-export.routes';
import { CSV_BOM } from '../../cloudfunctions/core/reports/report.export';

const DAY = Date.parse('2026-11-20T12:00:00+08:00');
const M = 60_000;
const conv = (id: string, at: number, agentId: string, passed = true) => ({
  id,
  channel: 'import',
  customerId: `c-${id}`,
  agentId,
  messages: [
    { role: 'customer', at, text: passed ? '你好，我的快递三天了还没到' : '有人吗，我要投诉' },
    { role: 'agent', at: at + 25_000, text: '您好，很高兴为您服务，马上为您查询物流' },
    { role: 'agent', at: at + 3 * M, text: '包裹预计明天送达，还有其他可以帮您的吗？感谢您的耐心，祝您生活愉快' },
  ],
  tags: { issueType: '物流' },
  rating: { csat: passed ? 5 : 2, resolved: passed },
});

type Ok<T> = { ok: true; data: T };
const ok = <T>(a: unknown): T => {
  expect(a).toMatchObject({ ok: true });
  return (a as Ok<T>).data;
};
interface Exported {
  fileID: string;
  url: string;
  name: string;
  bytes: number;
  exportId: string;
  sheets: string[];
  expiresAt: number;
}

async function download(fileID: string): Promise<Buffer> {
  const res = (await binding.cloud.downloadFile({ fileID })) as { fileContent: Buffer };
  return res.fileContent;
}

beforeAll(async () => {
  await resetStore();
  for (const [i, agent] of ['kf001', 'kf001', 'kf006', 'kf001', 'kf006'].entries()) {
    await importAsServer(conv(`x${i}`, DAY + i * 10 * M, agent, i !== 3));
  }
});

describe('reports/export', () => {
  it('writes an XLSX a spreadsheet reads back: a sheet per section, figures as numbers, the team only', async () => {
    const q = { period: 'month', key: '2026-11', dim: 'agent' };
    const overview = ok<{ total: { figures: { sessions: number; passRate: { value: number } } } }>(
      await callApi('sup-1', { action: 'reports/overview', ...q }),
    );
    const out = ok<Exported>(await callApi('sup-1', { action: 'reports/export', format: 'xlsx', ...q }));
    expect(out.name).toBe('质检报表_2026-11_售前一组.xlsx');
    expect(out.fileID).toMatch(/^cloud:\/\//);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(out.fileID)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '概览', '按坐席', '趋势', ...out.sheets.slice(4)]);
    expect(out.sheets.slice(0, 4)).toEqual(['说明', '概览', '按坐席', '趋势']);

    const sheet = wb.getWorksheet('概览')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('指标');
    const byLabel = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row) => byLabel.set(String(row.getCell(1).value), row));
    expect(byLabel.get('会话数')!.getCell(2).value).toBe(overview.total.figures.sessions);
    expect(overview.total.figures.sessions).toBe(3); // kf001's three, not kf006's
    const pass = byLabel.get('合格率')!;
    expect(pass.getCell(2).value).toBeCloseTo(overview.total.figures.passRate.value, 9);
    expect(pass.getCell(2).numFmt).toBe('0.0%');
    expect(typeof pass.getCell(4).value).toBe('number'); // the interval's low end, a number
    expect(String(pass.getCell(3).value)).toMatch(/^\d+\.\d%–\d+\.\d%$/);

    const agents: string[] = [];
    wb.getWorksheet('按坐席')!.eachRow((row, i) => i > 1 && agents.push(String(row.getCell(1).value)));
    expect(agents).toEqual(['kf001']);
    expect(wb.getWorksheet('趋势')!.rowCount).toBeGreaterThan(1);
  });

  it('writes CSV as UTF-8 with a BOM, each section under its name', async () => {
    const out = ok<Exported>(
      await callApi('admin-1', {
        action: 'reports/export',
        format: 'csv',
        period: 'month',
        key: '2026-11',
        dim: 'team',
      }),
    );
    const text = (await download(out.fileID)).toString('utf8');
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('【说明】');
    expect(lines).toContain('【按小组】');
    expect(lines.find((l) => l.startsWith('会话数,'))!.split(',')[1]).toBe('5');
    const teams = lines.slice(lines.indexOf('【按小组】') + 2).filter((l) => /^(售前一组|售后二组),/.test(l));
    expect(teams.map((l) => l.split(',')[0]).sort()).toEqual(['售前一组', '售后二组']);
  });

  it('serves the file at its temp URL, and nothing with a forged or expired link', async () => {
    const out = ok<Exported>(
      await callApi('agent-1', { action: 'reports/export', format: 'csv', period: 'month', key: '2026-11' }),
    );
    const url = new URL(out.url);
    const path = decodeURIComponent(url.pathname.slice('/storage/'.length));
    const expires = url.searchParams.get('expires');
    const served = binding.storage.serve(path, expires, url.searchParams.get('sign'));
    expect(served.ok && served.content.toString('utf8')).toBe((await download(out.fileID)).toString('utf8'));
    expect(binding.storage.serve(path, String(Number(expires) + 3600), url.searchParams.get('sign'))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(binding.storage.serve(path, expires, '00'.repeat(32))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses what the caller may not read and writes nothing', async () => {
    const before = (await inStore('reportExports')).length;
    const answer = await callApi('agent-1', {
      action: 'reports/export',
      format: 'xlsx',
      period: 'month',
      team: '售后二组',
    });
    expect(answer).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const sup = await callApi('sup-1', { action: 'reports/export', format: 'xlsx', period: 'month', agentId: 'kf006' });
    expect(sup).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const bad = await callApi('sup-1', { action: 'reports/export', format: 'pdf', period: 'month' });
    expect(bad).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect((await inStore('reportExports')).length).toBe(before);
  });

  it('audits each export', async () => {
    const out = ok<Exported>(
      await callApi('insp-1', { action: 'reports/export', format: 'csv', period: 'month', key: '2026-11' }),
    );
    expect(await inStore('auditLog', { entity: 'reportExport', entityId: out.exportId })).toEqual([
      expect.objectContaining({
        by: 'insp-1',
        action: 'export',
        before: null,
        after: expect.objectContaining({ name: out.name, format: 'csv', period: '2026-11', bytes: out.bytes }),
      }),
    ]);
  });

  it(`allows ${EXPORTS_PER_HOUR} exports an hour per caller`, async () => {
    const at = Date.now() - 60_000;
    for (let i = 0; i < EXPORTS_PER_HOUR; i++) {
      await putDoc('reportExports', `exp_fake_${i}`, {
        by: 'sup-2',
        at,
        expiresAt: at + 86_400_000,
        fileID: 'cloud://x/y',
      });
    }
    const answer = await callApi('sup-2', { action: 'reports/export', format: 'csv', period: 'month' });
    expect(answer).toMatchObject({ ok: false, code: 'REPORT.TOO_MANY_EXPORTS' });
    ok(await callApi('sup-1', { action: 'reports/export', format: 'csv', period: 'month' }));
  });

  it('the sweep deletes expired exports from storage and their records', async () => {
    const keep = ok<Exported>(await callApi('admin-1', { action: 'reports/export', format: 'csv', period: 'month' }));
    const old = ok<Exported>(await callApi('admin-1', { action: 'reports/export', format: 'xlsx', period: 'month' }));
    store.update('reportExports', { _id: old.exportId }, { $set: { expiresAt: Date.now() - 1 } });
    await runSweep();
    await expect(download(old.fileID)).rejects.toMatchObject({ errMsg: expect.stringContaining('file not found') });
    expect(await inStore('reportExports', { _id: old.exportId })).toEqual([]);
    expect((await download(keep.fileID)).length).toBe(keep.bytes);
    expect(await inStore('reportExports', { _id: keep.exportId })).toHaveLength(1);
  }, 30_000);
});

/** The export sheets and CSV text (core/reports/report.export.ts), pure. */
import {
  CSV_BOM,
  exportFileBase,
  reportSheets,
  ruleHitRows,
  safeText,
  sheetsToCsv,
} from '../../../cloudfunctions/core/reports/report.export';
import { assembleOverview, rangeOf } from '../../../cloudfunctions/core/reports/report.overview';
import { periodOf, previousPeriod } from '../../../cloudfunctions/core/reports/report.periods';

const period = periodOf('month', '2026-11-15');
const stats = (sessions: number, passed: number, hits: Record<string, number>) => ({
  sessions,
  score: { count: sessions, sum: sessions * 80, sumSq: sessions * 6500, passed },
  ruleHits: hits,
});

const overview = assembleOverview({
  period,
  previousPeriod: previousPeriod(period),
  dim: 'agent',
  scope: { team: '售前一组' },
  total: { current: stats(40, 30, { greet: 5, 'red:abuse': 1 }), previous: stats(20, 10, { greet: 8 }) },
  byValue: {
    current: new Map([
      ['kf001', stats(30, 25, {})],
      ['_none', stats(10, 5, {})],
    ]),
    previous: new Map([['kf001', stats(20, 10, {})]]),
  },
});

describe('report export sheets', () => {
  const sheets = reportSheets(overview, [], '2026-12-06 22:00');

  it('has 说明, 概览, the breakdown and the rules; no trend sheet without points', () => {
    expect(sheets.map((s) => s.name)).toEqual(['说明', '概览', '按坐席', '规则命中']);
  });

  it('keeps figures as numbers with their interval and the change', () => {
    const o = sheets[1];
    const pass = o.rows.find((r) => r[0] === '合格率')!;
    expect(pass[1]).toBeCloseTo(0.75, 9);
    expect(pass[3]).toBeLessThan(0.75);
    expect(pass[4]).toBeGreaterThan(0.75);
    expect(pass[5]).toBe(40);
    expect(pass[6]).toBeCloseTo(0.5, 9);
    expect(pass[7]).toBeCloseTo(0.25, 9);
    expect(o.rowKinds![o.rows.indexOf(pass)]).toBe('pct');
    expect(sheets[2].rows.map((r) => r[0])).toEqual(['kf001', '（未标注）']);
  });

  it('puts each estimate of the breakdown beside its interval, one cell a column', () => {
    const breakdown = sheets[2];
    expect(breakdown.columns.map((c) => `${c.header}:${c.kind}`)).toEqual([
      '坐席:text',
      '会话数:int',
      '上期会话数:int',
      '平均分:num',
      '平均分下限:num',
      '平均分上限:num',
      '合格率:pct',
      '合格率下限:pct',
      '合格率上限:pct',
      '合格率较上期:pct',
      '首次响应（秒）:secs',
      '首响下限:secs',
      '首响上限:secs',
      '满意占比:pct',
      '红线会话:int',
      '告警会话:int',
    ]);
    const kf001 = breakdown.rows[0];
    expect(kf001).toHaveLength(breakdown.columns.length);
    const [score, low, high] = kf001.slice(3, 6) as number[];
    expect(score).toBeCloseTo(80, 9);
    expect(low).toBeLessThan(score);
    expect(high).toBeGreaterThan(score);
  });

  it('puts each trend figure beside its control band and verdict; no band, empty cells', () => {
    const point = (key: string, out: boolean | null) => ({
      key,
      period: rangeOf(periodOf('week', key)),
      sessions: 30,
      score: { value: 82, n: 30 },
      passRate: { value: 0.8, n: 30, band: out === null ? null : { centre: 0.85, low: 0.7, high: 0.95, out } },
      firstResponse: {
        value: 40,
        n: 30,
        ewma: 38,
        band: out === null ? null : { centre: 35, low: 20, high: out ? 39 : 50, out },
      },
    });
    const trend = reportSheets(overview, [point('2026-11-02', null), point('2026-11-09', true)], 'now').find(
      (s) => s.name === '趋势',
    )!;
    expect(trend.columns.map((c) => `${c.header}:${c.kind}`)).toEqual([
      '时间段:text',
      '开始日:text',
      '结束日:text',
      '会话数:int',
      '平均分:num',
      '合格率:pct',
      '合格率控制下限:pct',
      '合格率控制上限:pct',
      '合格率判定:text',
      '首次响应（秒）:secs',
      '首响 EWMA:secs',
      '首响控制下限:secs',
      '首响控制上限:secs',
      '首响判定:text',
    ]);
    expect(trend.rows.map((r) => r.slice(3))).toEqual([
      [30, 82, 0.8, null, null, '', 40, 38, null, null, ''],
      [30, 82, 0.8, 0.7, 0.95, '超出', 40, 38, 20, 39, '超出'],
    ]);
  });

  it('lists rules by hits, with last period beside them', () => {
    expect(ruleHitRows(overview)).toEqual([
      { rule: 'greet', hits: 5, previous: 8 },
      { rule: 'red:abuse', hits: 1, previous: 0 },
    ]);
  });

  it('writes CSV with a BOM, quoting, and no formula a spreadsheet would run', () => {
    const csv = sheetsToCsv([
      {
        name: 'x',
        columns: [
          { header: 'a', kind: 'text' },
          { header: 'b', kind: 'num' },
        ],
        rows: [
          ['=HYPERLINK("x")', 0.1 + 0.2],
          ['a,b', null],
        ],
      },
    ]);
    expect(csv).toBe(`${CSV_BOM}【x】\r\na,b\r\n"'=HYPERLINK(""x"")",0.3\r\n"a,b",\r\n`);
    expect(safeText('-1')).toBe("'-1");
    expect(safeText('kf001')).toBe('kf001');
  });

  it('names the file by period and scope', () => {
    expect(exportFileBase(overview)).toBe('质检报表_2026-11_售前一组');
  });
});

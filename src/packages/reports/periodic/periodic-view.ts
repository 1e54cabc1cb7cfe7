/** How a periodic report's headline figure reads (pure; tested in tests/src/pages/reports-periodic.test.tsx). */
import type { ActionResult } from '@core/api.contract';

type Headline = ActionResult<'reports/periodic/get'>['summary']['headline'][number];

function fmt(x: number | null, kind: Headline['kind']): string {
  if (x === null) return '—';
  if (kind === 'pct') return `${(x * 100).toFixed(1)}%`;
  if (kind === 'secs') return `${Math.round(x)}秒`;
  if (kind === 'int') return String(Math.round(x));
  return x.toFixed(1);
}

export function headlineText(h: Headline): { value: string; change: string } {
  const value = fmt(h.value, h.kind);
  if (h.change === null) return { value, change: '无上期数据' };
  if (h.change === 0) return { value, change: '较上期 持平' };
  const sign = h.change > 0 ? '+' : '−';
  const abs = Math.abs(h.change);
  const change = h.kind === 'pct' ? `${sign}${(abs * 100).toFixed(1)}个百分点` : `${sign}${fmt(abs, h.kind)}`;
  return { value, change: `较上期 ${change}` };
}

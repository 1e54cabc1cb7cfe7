/**
 * `reports/export` and the periodic review reports' `reports/periodic/list|get` (issue 15).
 * `reports/export`: the overview the caller would read (same scope rules: the
 * overview and trend routes are called as the caller) with its breakdown and trend, written as
 * XLSX or CSV to cloud storage; answers the fileID and a temp URL. Each export is audited
 * (entity `reportExport`) and limited to EXPORTS_PER_HOUR per caller, since each one writes a file.
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import { REPORT_DIMENSIONS } from '../../core/reports/report.contribution';
import { EXPORT_FORMATS, exportFileBase, reportSheets } from '../../core/reports/report.export';
import { PERIOD_KINDS } from '../../core/reports/report.periods';
import { audit } from '../../common/audit.log';
import { countExportsSince, saveExport } from '../../common/report.export';
import { getPeriodicReport, listPeriodicReports } from '../../common/periodic-reports.service';
import { paging } from './paging';
import { route } from '../router';
import { reportsOverview, reportsTrend } from './reports.routes';

export const EXPORTS_PER_HOUR = 20;

/** `2026-12-06 22:40`, China time, for the 说明 sheet. */
export function chinaTimeText(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const reportsExport = route('reports/export', {
  params: z.object({
    format: z.enum(EXPORT_FORMATS),
    period: z.enum(PERIOD_KINDS),
    key: z.string().min(4).max(10).optional(),
    dim: z.enum(REPORT_DIMENSIONS).default('all'),
    team: z.string().min(1).max(64).optional(),
    agentId: z.string().min(1).max(64).optional(),
  }),
  async handle(ctx, p) {
    const { user, now } = ctx;
    if ((await countExportsSince(user._id, now - 3600_000)) >= EXPORTS_PER_HOUR) {
      throw new DomainError(ERROR_CODES.REPORT_TOO_MANY_EXPORTS, `每小时最多导出 ${EXPORTS_PER_HOUR} 次，请稍后再试`);
    }
    const { format, ...query } = p;
    // As the caller reads them: the scope checks are the overview's and the trend's own.
    const overview = await reportsOverview.handle(ctx, reportsOverview.params.parse(query));
    const { dim: _dim, ...trendQuery } = query;
    const trend = await reportsTrend.handle(ctx, reportsTrend.params.parse(trendQuery));
    const sheets = reportSheets(overview, trend.points, chinaTimeText(now));
    const saved = await saveExport({ sheets, format, base: exportFileBase(overview), by: user._id, at: now });
    await audit({
      at: now,
      by: user._id,
      entity: 'reportExport',
      entityId: saved.exportId,
      action: 'export',
      before: null,
      after: {
        name: saved.name,
        format,
        period: overview.period.key,
        dim: overview.dim,
        scope: overview.scope,
        bytes: saved.bytes,
        expiresAt: saved.expiresAt,
      },
      refs: { fileID: saved.fileID },
    });
    return { ...saved, sheets: sheets.map((s) => s.name) };
  },
});

/** The caller's periodic review reports (common/periodic-reports.service.ts), newest first. */
export const reportsPeriodicList = route('reports/periodic/list', {
  params: z.object(paging),
  async handle({ user }, p) {
    return { items: await listPeriodicReports(user._id, p.limit, p.skip) };
  },
});

/** One of the caller's periodic reports, with a fresh temp link to its XLSX. */
export const reportsPeriodicGet = route('reports/periodic/get', {
  params: z.object({ reportId: z.string().min(1).max(200) }),
  async handle({ user }, p) {
    const report = await getPeriodicReport(p.reportId);
    if (!report) throw new DomainError(ERROR_CODES.REPORT_NOT_FOUND, '没有这份报告');
    if (report.to !== user._id) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '这份报告不是发给你的');
    return report;
  },
});

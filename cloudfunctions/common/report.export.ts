/**
 * Report exports: sheets (core/reports/report.export.ts) written as XLSX with exceljs's
 * streaming writer (`stream.xlsx.WorkbookWriter`: rows are committed as written, so a large
 * breakdown never sits in memory as a workbook) or as CSV, uploaded to cloud storage
 * (`cloud.uploadFile`) and answered with a temp URL (`cloud.getTempFileURL`, `maxAge`).
 * Every file is recorded in `reportExports` with its expiry; the sweep deletes expired files
 * (`purgeExpiredExports`), so storage does not grow without bound.
 */
import { randomUUID } from 'crypto';
import { PassThrough } from 'stream';
import type ExcelJSModule from 'exceljs';
import { sheetsToCsv, safeText, type ColumnKind, type ExportSheet } from '../core/reports/report.export';
import { cloud, COLLECTIONS, database, now, rows } from './cloud';
import { logFailure } from './log';

/**
 * exceljs (about 1 MB minified) is loaded on the first export, not at a cold start: the
 * function bundles keep it external and list it in their package.json (build-functions.ts).
 */
let excelJs: typeof ExcelJSModule | undefined;
function loadExcelJs(): typeof ExcelJSModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (excelJs ??= require('exceljs') as typeof ExcelJSModule);
}

export type ExportFormat = 'xlsx' | 'csv';

/** How long an export stays in storage, and how long its link works (at most that). */
export const EXPORT_TTL_MS = 7 * 86_400_000;
export const EXPORT_LINK_MAX_AGE_S = 2 * 3600;
/** Expired exports deleted per sweep run. */
const PURGE_BATCH = 50;

export interface ExportRecord {
  _id: string;
  fileID: string;
  name: string;
  format: ExportFormat;
  bytes: number;
  /** Who asked (an openid), or `sweep` for a periodic report. */
  by: string;
  at: number;
  expiresAt: number;
}

export interface SavedExport {
  exportId: string;
  fileID: string;
  name: string;
  format: ExportFormat;
  bytes: number;
  /** A temp URL (empty when storage could not make one); valid until `urlExpiresAt`. */
  url: string;
  urlExpiresAt: number;
  expiresAt: number;
}

const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  int: '0',
  num: '0.0',
  pct: '0.0%',
  secs: '0',
};

/** The sheets as an XLSX file, written row by row with the streaming workbook writer. */
export async function sheetsToXlsx(sheets: readonly ExportSheet[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const ExcelJS = loadExcelJs();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'kefu-qa';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c, i) => ({
      key: `c${i}`,
      width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    }));
    const header = ws.addRow(s.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    s.rows.forEach((cells, r) => {
      const row = ws.addRow(cells.map((c) => (typeof c === 'string' ? safeText(c) : c)));
      cells.forEach((c, i) => {
        if (typeof c !== 'number') return;
        const kind = i > 0 && s.rowKinds ? s.rowKinds[r] : s.columns[i].kind;
        const fmt = NUM_FMT[kind];
        if (fmt) row.getCell(i + 1).numFmt = fmt;
      });
      row.commit();
    });
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

function recordOf(
  exportId: string,
  fileID: string,
  p: { name: string; format: ExportFormat; by: string },
  bytes: number,
  at: number,
  ttlMs = EXPORT_TTL_MS,
): ExportRecord {
  return { _id: exportId, fileID, name: p.name, format: p.format, bytes, by: p.by, at, expiresAt: at + ttlMs };
}

/** A temp URL for a stored file, valid `maxAgeS` (empty when storage answers without one). */
export async function tempUrlOf(fileID: string, maxAgeS = EXPORT_LINK_MAX_AGE_S): Promise<string> {
  const res = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: maxAgeS }] })) as {
    fileList?: { tempFileURL?: string; status?: number }[];
  };
  const f = res.fileList?.[0];
  return f && f.status === 0 && f.tempFileURL ? f.tempFileURL : '';
}

/**
 * Writes the sheets in `format`, uploads the file under `reports/<day>/<id>/<base>.<ext>`,
 * records it (expiring in EXPORT_TTL_MS) and answers its fileID and a temp URL.
 */
export async function saveExport(p: {
  sheets: readonly ExportSheet[];
  format: ExportFormat;
  base: string;
  by: string;
  at?: number;
  /** How long the file is kept (default EXPORT_TTL_MS; periodic reports keep theirs longer). */
  ttlMs?: number;
}): Promise<SavedExport> {
  const at = p.at ?? now();
  const content = p.format === 'xlsx' ? await sheetsToXlsx(p.sheets) : Buffer.from(sheetsToCsv(p.sheets), 'utf8');
  const exportId = `exp_${randomUUID()}`;
  const name = `${p.base}.${p.format}`;
  const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
  const uploaded = (await cloud.uploadFile({
    cloudPath: `reports/${day}/${exportId}/${name}`,
    fileContent: content,
  })) as { fileID: string };
  const record = recordOf(exportId, uploaded.fileID, { name, format: p.format, by: p.by }, content.length, at, p.ttlMs);
  await database()
    .collection(COLLECTIONS.reportExports)
    .doc(exportId)
    .set({ data: stripId(record) });
  const url = await tempUrlOf(uploaded.fileID);
  return {
    exportId,
    fileID: uploaded.fileID,
    name,
    format: p.format,
    bytes: content.length,
    url,
    urlExpiresAt: at + EXPORT_LINK_MAX_AGE_S * 1000,
    expiresAt: record.expiresAt,
  };
}

function stripId<T extends { _id: string }>(r: T): Omit<T, '_id'> {
  const { _id: _drop, ...rest } = r;
  return rest;
}

/** Exports `by` asked for since `since` (the rate limit of `reports/export`). */
export async function countExportsSince(by: string, since: number): Promise<number> {
  const db = database();
  const res = (await db
    .collection(COLLECTIONS.reportExports)
    .where({ by, at: db.command.gte(since) })
    .count()) as { total: number };
  return res.total;
}

/**
 * Deletes exports past their expiry from storage and their records (a batch per run). A file
 * storage no longer has counts as deleted; a storage failure leaves the record for the next run.
 */
export async function purgeExpiredExports(at: number): Promise<number> {
  const db = database();
  const _ = db.command;
  const due = await rows<ExportRecord>(
    db
      .collection(COLLECTIONS.reportExports)
      .where({ expiresAt: _.lt(at) })
      .limit(PURGE_BATCH),
  );
  if (due.length === 0) return 0;
  let removed = 0;
  try {
    await cloud.deleteFile({ fileList: due.map((d) => d.fileID) });
  } catch (e) {
    logFailure('sweep/exports', e, { count: String(due.length) });
    return 0;
  }
  for (const d of due) {
    await db.collection(COLLECTIONS.reportExports).doc(d._id).remove();
    removed++;
  }
  return removed;
}

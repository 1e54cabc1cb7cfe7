/**
 * `kefu-qa import <file>`: conversations from JSONL (one conversation a line) or CSV (one
 * message a row) into the local store, through the `ingest` function's import path (masked,
 * sessionised, closed and scored as the cloud does). Ends with a cleaning report. Importing the
 * same file again stores nothing new. Exit code 1 when any line or row was rejected.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'fs';
import { join, resolve } from 'path';
import { createInterface } from 'readline';
import { isDomainError } from '../../cloudfunctions/core/errors';
import { conversationsFromCsv } from '../../cloudfunctions/core/ingest/csv.conversations';
import { parseConversationLine, type ParsedConversation } from '../../cloudfunctions/core/ingest/conversation.parse';
import { FunctionsRuntime } from '../../devcloud/functions.runtime';
import { bindCloud, runWithContext } from '../../devcloud/sdk/cloud.binding';
import { DocumentStore } from '../../devcloud/store/document.store';
import { buildFunctions, FUNCTIONS_OUT } from '../build-functions';
import { parseCommandArgs, usageError, type CliCommand, type CliIo } from './command';
import { SERVER_SOURCE } from '../../cloudfunctions/core/ingest/caller.policy';

export interface ImportReport {
  file: string;
  format: 'jsonl' | 'csv';
  read: number;
  conversations: number;
  stored: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
  normalised: Record<string, number>;
  ms: number;
}

/** `messages[3].at 已规范为毫秒时间戳` and `messages[9].at …` count as one kind of repair. */
function normalisationKind(note: string): string {
  return note.replace(/\[\d+\]/g, '[]').replace(/=.*?(超出|无效|无法|未知)/, ' $1');
}

class Progress {
  private last = 0;
  constructor(
    private readonly io: CliIo,
    private readonly total: number,
  ) {}
  /** `done` is in the unit of `total` (bytes of a JSONL file); `count` is what is shown. */
  tick(done: number, count: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 200) return;
    this.last = now;
    const tty = (this.io.stderr as { isTTY?: boolean }).isTTY;
    const pct = this.total > 0 ? Math.min(100, Math.floor((done / this.total) * 100)) : 0;
    const width = 30;
    const bar = '█'.repeat(Math.round((pct / 100) * width)).padEnd(width, '░');
    const line = `导入中 ${bar} ${pct}% (${count} 个会话)`;
    this.io.stderr.write(tty ? `\r${line}` : `${line}\n`);
    if (force && tty) this.io.stderr.write('\n');
  }
}

async function* jsonlRecords(
  file: string,
): AsyncGenerator<{ line: number; parsed?: ParsedConversation; reason?: string; bytes: number }> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    const bytes = Buffer.byteLength(text) + 1;
    if (text.trim() === '') continue;
    try {
      yield { line, parsed: parseConversationLine(text), bytes };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      yield { line, reason: e.message, bytes };
    }
  }
}

export async function runImport(
  file: string,
  dataDir: string,
  io: CliIo,
  format?: 'jsonl' | 'csv',
): Promise<ImportReport> {
  const started = Date.now();
  const fmt = format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  mkdirSync(dataDir, { recursive: true });
  await buildFunctions();
  const store = DocumentStore.open(join(dataDir, 'kefu-qa.sqlite'));
  try {
    bindCloud(store);
    const runtime = new FunctionsRuntime(FUNCTIONS_OUT, runWithContext);
    runtime.load();
    const report: ImportReport = {
      file,
      format: fmt,
      read: 0,
      conversations: 0,
      stored: 0,
      duplicates: 0,
      rejected: [],
      normalised: {},
      ms: 0,
    };

    const ingest = async (parsed: ParsedConversation, line: number) => {
      report.conversations++;
      for (const note of parsed.normalised) {
        const kind = normalisationKind(note);
        report.normalised[kind] = (report.normalised[kind] ?? 0) + 1;
      }
      const out = (await runtime.invoke(
        'ingest',
        { kind: 'import-conversation', conversation: parsed.conversation },
        // A trusted server-side caller (the ingest function refuses mini-program clients).
        { SOURCE: SERVER_SOURCE },
      )) as { ok?: boolean; outcome?: string; message?: string };
      if (out?.ok !== true) {
        // Parsed here, so only the store can refuse it (e.g. a session another door created).
        report.conversations--;
        report.rejected.push({ line, reason: out?.message ?? '导入被拒绝' });
      } else if (out.outcome === 'duplicate') report.duplicates++;
      else report.stored++;
    };

    if (fmt === 'csv') {
      const csv = conversationsFromCsv(readFileSync(file, 'utf8'));
      report.read = csv.rows;
      report.rejected.push(...csv.rejected);
      const progress = new Progress(io, csv.conversations.length);
      for (const [i, c] of csv.conversations.entries()) {
        await ingest(c.parsed, i + 1);
        progress.tick(i + 1, i + 1);
      }
      progress.tick(csv.conversations.length, csv.conversations.length, true);
    } else {
      const size = statSync(file).size;
      const progress = new Progress(io, size);
      let bytes = 0;
      for await (const rec of jsonlRecords(file)) {
        report.read++;
        bytes += rec.bytes;
        if (rec.parsed) await ingest(rec.parsed, rec.line);
        else report.rejected.push({ line: rec.line, reason: rec.reason! });
        progress.tick(bytes, report.conversations);
      }
      progress.tick(size, report.conversations, true);
    }
    report.ms = Date.now() - started;
    return report;
  } finally {
    store.close();
  }
}

export function formatReport(r: ImportReport): string {
  const lines = [
    `清洗报告 ${r.file} (${r.format})`,
    `  读取${r.format === 'csv' ? '行' : '行（会话）'}: ${r.read}`,
    `  有效会话: ${r.conversations}`,
    `  新存储会话: ${r.stored}`,
    `  重复跳过: ${r.duplicates}`,
    `  拒绝: ${r.rejected.length}`,
    ...r.rejected.slice(0, 50).map((x) => `    第 ${x.line} 行: ${x.reason}`),
    ...(r.rejected.length > 50 ? [`    …另有 ${r.rejected.length - 50} 条`] : []),
    `  规范化字段: ${Object.values(r.normalised).reduce((a, b) => a + b, 0)}`,
    ...Object.entries(r.normalised)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `    ${k}: ${n}`),
    `  用时: ${(r.ms / 1000).toFixed(1)} s`,
  ];
  return lines.join('\n') + '\n';
}

export const command: CliCommand = {
  name: 'import',
  summary: 'import conversations (JSONL or CSV) into the local store, with a cleaning report',
  usage: 'import <file.jsonl|file.csv> [--data-dir DIR] [--format jsonl|csv] [--json]',
  options: {
    'data-dir': { type: 'string', value: 'DIR', description: '本地数据目录（默认 ./.data，或环境变量 DATA_DIR）' },
    format: { type: 'string', value: 'jsonl|csv', description: '输入格式（默认按扩展名：.csv 为 CSV，其余为 JSONL）' },
    json: { type: 'boolean', description: '以一行 JSON 输出清洗报告' },
  },
  maxPositionals: 1,
  async run(args, io) {
    const parsed = parseCommandArgs(this, args, io);
    if ('exit' in parsed) return parsed.exit;
    const { values, positionals } = parsed;
    const file = positionals[0];
    if (!file) return usageError(this, io, 'missing <file>');
    if (!existsSync(file)) return usageError(this, io, `no such file: ${file}`);
    const format = values.format as string | undefined;
    if (format !== undefined && format !== 'csv' && format !== 'jsonl') {
      return usageError(this, io, `unknown --format ${format}`);
    }
    const dataDir = resolve(String(values['data-dir'] ?? process.env.DATA_DIR ?? join(process.cwd(), '.data')));
    const report = await runImport(resolve(file), dataDir, io, format);
    io.stdout.write(values.json ? JSON.stringify(report) + '\n' : formatReport(report));
    return report.rejected.length > 0 ? 1 : 0;
  },
};

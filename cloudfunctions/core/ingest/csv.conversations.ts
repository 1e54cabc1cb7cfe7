/**
 * CSV import, one message per row, grouped into conversations by their id column. A bad row is
 * rejected on its own (with its line number); the conversation keeps its other rows.
 *
 * Columns (header row; snake_case or camelCase): conversation_id | id, channel, agent_id,
 * customer_id, role, at, text, type, csat, nps, resolved, issue_type, business_line.
 */
import { isDomainError } from '../errors';
import { parseConversationRecord, type ParsedConversation } from './conversation.parse';

/** RFC 4180: quoted fields, doubled quotes, CR/LF line ends, newlines inside quotes. */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // Excel's BOM
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') rows.push({ fields, line: rowLine });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  fields.push(field);
  if (fields.length > 1 || fields[0] !== '') rows.push({ fields, line: rowLine });
  return rows;
}

const COLUMN_ALIASES: Record<string, string> = {
  conversation_id: 'id',
  conversationid: 'id',
  id: 'id',
  channel: 'channel',
  agent_id: 'agentId',
  agentid: 'agentId',
  customer_id: 'customerId',
  customerid: 'customerId',
  role: 'role',
  at: 'at',
  time: 'at',
  text: 'text',
  content: 'text',
  type: 'type',
  csat: 'csat',
  nps: 'nps',
  resolved: 'resolved',
  issue_type: 'issueType',
  issuetype: 'issueType',
  business_line: 'businessLine',
  businessline: 'businessLine',
};

export interface CsvOutcome {
  conversations: { parsed: ParsedConversation; lines: number[] }[];
  rejected: { line: number; reason: string }[];
  rows: number;
}

export function conversationsFromCsv(text: string): CsvOutcome {
  const [header, ...body] = parseCsv(text);
  const rejected: CsvOutcome['rejected'] = [];
  if (!header) return { conversations: [], rejected, rows: 0 };
  const columns = header.fields.map((h) => COLUMN_ALIASES[h.trim().toLowerCase()] ?? null);
  for (const required of ['id', 'customerId', 'role', 'at', 'text']) {
    if (!columns.includes(required)) {
      return { conversations: [], rejected: [{ line: header.line, reason: `缺少列 ${required}` }], rows: body.length };
    }
  }
  const groups = new Map<string, { rows: Record<string, string>[]; lines: number[] }>();
  for (const row of body) {
    const rec: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c) rec[c] = (row.fields[i] ?? '').trim();
    });
    if (!rec.id) {
      rejected.push({ line: row.line, reason: '缺少 conversation_id' });
      continue;
    }
    const g = groups.get(rec.id) ?? { rows: [], lines: [] };
    g.rows.push(rec);
    g.lines.push(row.line);
    groups.set(rec.id, g);
  }
  const conversations: CsvOutcome['conversations'] = [];
  for (const [id, g] of groups) {
    // Validate each row as a one-message conversation first, so a bad row is named by its line.
    const good: { rec: Record<string, string>; line: number }[] = [];
    g.rows.forEach((rec, i) => {
      try {
        parseConversationRecord({
          id,
          customerId: rec.customerId,
          messages: [{ role: rec.role, at: rec.at, text: rec.text }],
        });
        good.push({ rec, line: g.lines[i] });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        rejected.push({ line: g.lines[i], reason: e.message.replace('messages[0].', '') });
      }
    });
    if (good.length === 0) continue;
    const first = good[0].rec;
    const pick = (k: string) => good.map((g2) => g2.rec[k]).find((v) => v !== undefined && v !== '');
    const parsed = parseConversationRecord({
      id,
      channel: pick('channel'),
      agentId: pick('agentId'),
      customerId: first.customerId,
      messages: good.map(({ rec }) => ({
        role: rec.role,
        at: rec.at,
        text: rec.text,
        ...(rec.type ? { type: rec.type } : {}),
      })),
      rating: { csat: pick('csat'), nps: pick('nps'), resolved: pick('resolved') },
      tags: { issueType: pick('issueType'), businessLine: pick('businessLine') },
    });
    conversations.push({ parsed, lines: good.map((g2) => g2.line) });
  }
  rejected.sort((a, b) => a.line - b.line);
  return { conversations, rejected, rows: body.length };
}

import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);
dayjs.locale('zh-cn');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A list timestamp: relative within the last hour ("5 分钟前"), the clock time today,
 * month-day and time this year, the full date otherwise.
 */
export function formatListTime(at: number, now: number = Date.now()): string {
  const t = dayjs(at);
  const n = dayjs(now);
  const age = now - at;
  if (age >= 0 && age < MINUTE) return '刚刚';
  if (age >= 0 && age < HOUR) return t.from(n);
  if (t.isSame(n, 'day')) return t.format('HH:mm');
  if (t.isSame(n, 'year')) return t.format('MM-DD HH:mm');
  return t.format('YYYY-MM-DD');
}

/** A message timestamp inside a conversation. */
export function formatMessageTime(at: number): string {
  return dayjs(at).format('MM-DD HH:mm:ss');
}

/** A waiting time: "45秒", "2分05秒", "1小时03分". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}秒`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}分${pad(seconds % 60)}秒`;
  const hours = Math.floor(minutes / 60);
  return `${hours}小时${pad(minutes % 60)}分`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

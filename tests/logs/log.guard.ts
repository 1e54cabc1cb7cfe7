/**
 * Every node test file runs with this guard (jest.config.js): whatever the code under test
 * writes to the console is scanned for personal data (phone, ID-card and bank-card numbers as
 * the masker detects them), and a file whose run logged any fails. The whole suite is thereby a
 * scan of the logs the functions write on every path the tests walk, failures included.
 */
import { format } from 'util';
import { containsRawPii, maskFreeText } from '../../cloudfunctions/core/privacy/pii.mask';

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;
const leaks: string[] = [];
let muted = false;

for (const level of LEVELS) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const line = format(...args);
    if (containsRawPii(line)) leaks.push(`console.${level}: ${maskFreeText(line).slice(0, 300)}`);
    if (!muted) original(...args);
  };
}

/** Runs `fn` with console output scanned but not printed (for the guard's own test). */
export function muteConsole(fn: () => void): void {
  muted = true;
  try {
    fn();
  } finally {
    muted = false;
  }
}

/** The leaks recorded so far, forgotten (for the guard's own test). */
export function takeLogLeaks(): string[] {
  return leaks.splice(0, leaks.length);
}

afterAll(() => {
  const found = takeLogLeaks();
  if (found.length > 0) {
    throw new Error(`personal data in the logs (shown masked):\n${found.join('\n')}`);
  }
});

/**
 * `npm run bench:mask [-- --n N --rounds R --cases phones,emails --module PATH]`: is PII masking linear?
 *
 * Masks texts made of n and of 10n repeated units (phone numbers, e-mail addresses, a mixed
 * chat line with every kind of personal data in odd spellings, and plain prose with none) and
 * prints the median time of R rounds for each size and their ratio: about 10 for a linear
 * masker, about 100 for a quadratic one. Time is this process's CPU time (process.cpuUsage):
 * on a shared machine wall time also counts the time other processes held the core, and a
 * 100 ms measurement is preempted far more often than a 5 ms one, which alone bends the ratio.
 * Wall time is printed beside it. Expect the phone and e-mail ratios a little above 10: their
 * findings stay alive until the call returns, and the garbage collector copies more survivors
 * in a larger call. The default 10n is the issue's 240 KB push of 20,000
 * phone numbers. `--module` loads another copy of the masker (e.g. an older version written out
 * with `git show <rev>:cloudfunctions/core/privacy/pii.mask.ts > /tmp/old.ts`) for comparison.
 * Each size is also checked to find exactly n (10n) units' findings, so a fast wrong masker
 * cannot pass. Last line: one JSON object.
 */
import { resolve } from 'path';
import type { MaskResult } from '../cloudfunctions/core/privacy/pii.mask';
import { parseFlags } from './cli/command';

type Mask = (text: string, by: 'customer') => MaskResult;

interface Case {
  name: string;
  unit: (i: number) => string;
  /** Findings expected per unit. */
  findingsPerUnit: number;
}

const CASES: Case[] = [
  { name: 'phones', unit: () => '13812345678 ', findingsPerUnit: 1 },
  { name: 'emails', unit: (i) => `user${i}@example.com `, findingsPerUnit: 1 },
  {
    name: 'mixed',
    unit: (i) =>
      `第${i}条：电话139-1234-5678，也可以打一三九一二三四五六七八，邮箱li${i}(at)qq。com，` +
      `身份证110101 1990 0307 1233，卡号6222 0214 7036 9252，订单202610121234，￥139.00，2026-10-12。\n`,
    findingsPerUnit: 5,
  },
  { name: 'prose', unit: (i) => `亲，您的第${i}个包裹已经发出，预计三到五天送达，请耐心等待。`, findingsPerUnit: 0 },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Median CPU and wall milliseconds of one call. A round makes `calls` calls, so that a round
 * of the small text does as much work as one call on the large one: both are then measured over
 * the same stretch of time, with the same exposure to timer resolution and preemption.
 */
function time(
  mask: Mask,
  text: string,
  rounds: number,
  calls: number,
  expected: number,
  label: string,
): { cpu: number; wall: number } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let found = 0;
    const w = performance.now();
    const c = process.cpuUsage();
    for (let k = 0; k < calls; k++) found = mask(text, 'customer').findings.length;
    const used = process.cpuUsage(c);
    wall.push((performance.now() - w) / calls);
    cpu.push((used.user + used.system) / 1000 / calls);
    if (found !== expected) throw new Error(`${label}: ${found} findings, expected ${expected}`);
  }
  return { cpu: median(cpu), wall: median(wall) };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

async function main() {
  const { flags } = parseFlags(process.argv.slice(2));
  const n = Number(flags.n ?? 2000);
  const rounds = Number(flags.rounds ?? 5);
  const modulePath =
    typeof flags.module === 'string' ? resolve(flags.module) : '../cloudfunctions/core/privacy/pii.mask';
  const { maskPii } = (await import(modulePath)) as { maskPii: Mask };

  const results: Record<
    string,
    { chars: number; cpuMs: number; wallMs: number; chars10: number; cpuMs10: number; wallMs10: number; ratio: number }
  > = {};
  console.log(
    `masking n = ${n} and 10n = ${10 * n} units, median of ${rounds} rounds${flags.module ? ` (${modulePath})` : ''}`,
  );
  const only = typeof flags.cases === 'string' ? flags.cases.split(',') : null;
  for (const c of CASES.filter((x) => only === null || only.includes(x.name))) {
    const small = Array.from({ length: n }, (_, i) => c.unit(i)).join('');
    const large = Array.from({ length: 10 * n }, (_, i) => c.unit(i)).join('');
    // Warm-up, so that both sizes run optimised code and the compiler's threads are idle.
    for (let r = 0; r < 5; r++) maskPii(small, 'customer');
    maskPii(large, 'customer');
    const t = time(maskPii, small, rounds, 10, n * c.findingsPerUnit, `${c.name} × ${n}`);
    const t10 = time(maskPii, large, rounds, 1, 10 * n * c.findingsPerUnit, `${c.name} × ${10 * n}`);
    const row = {
      chars: small.length,
      cpuMs: round1(t.cpu),
      wallMs: round1(t.wall),
      chars10: large.length,
      cpuMs10: round1(t10.cpu),
      wallMs10: round1(t10.wall),
      ratio: round1(t10.cpu / t.cpu),
    };
    results[c.name] = row;
    const size = (units: number, chars: number) =>
      `${String(units).padStart(7)} × = ${`${round1(chars / 1000)}k`.padStart(7)} chars`;
    const ms = (cpu: number, wall: number) => `${String(cpu).padStart(8)} ms cpu ${`(${wall} wall)`.padStart(12)}`;
    console.log(
      `${c.name.padEnd(7)} ${size(n, row.chars)} ${ms(row.cpuMs, row.wallMs)} | ` +
        `${size(10 * n, row.chars10)} ${ms(row.cpuMs10, row.wallMs10)} | ratio ${row.ratio}`,
    );
  }
  console.log(JSON.stringify({ maskBench: { n, rounds, cases: results } }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import { PassThrough, Readable } from 'stream';

/** A command's standard streams in memory: `stdinLines` to read, what it wrote to read back. */
export function captureIo(stdinLines: string[] = []) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d) => out.push(String(d)));
  stderr.on('data', (d) => err.push(String(d)));
  return {
    io: { stdin: Readable.from(stdinLines.map((l) => `${l}\n`)), stdout, stderr },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

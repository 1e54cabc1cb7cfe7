import { Readable, Writable } from 'node:stream';
import { command } from '../../../scripts/cli/sentiment.command';

function collect(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function runWith(input: string, args: string[] = []): Promise<{ code: number; out: string; err: string }> {
  const stdout = collect();
  const stderr = collect();
  const code = await command.run(args, { stdin: Readable.from([input]), stdout: stdout.stream, stderr: stderr.stream });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('kefu-qa sentiment', () => {
  it('prints label<TAB>p with three decimals for each input line, in order', async () => {
    const { code, out } = await runWith('很满意\n什么破服务\n我的快递到哪了\n');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^(negative|neutral|positive)\t[01]\.\d{3}$/);
    expect(lines.map((l) => l.split('\t')[0])).toEqual(['positive', 'negative', 'neutral']);
  });

  it('answers an empty line with neutral 0.500 so output lines match input lines', async () => {
    const { out } = await runWith('很满意\n\n不满意');
    expect(out.split('\n')[1]).toBe('neutral\t0.500');
    expect(out.trimEnd().split('\n')).toHaveLength(3);
  });

  it('handles CRLF input', async () => {
    const { out } = await runWith('很满意\r\n不满意\r\n');
    expect(
      out
        .trimEnd()
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual(['positive', 'negative']);
  });

  it('rejects an unknown flag with exit code 2', async () => {
    const { code, err } = await runWith('', ['--bogus']);
    expect(code).toBe(2);
    expect(err).toMatch(/Unknown option '--bogus'/);
  });

  it('uses v1 by default and the review sentiment models with --model v2, v3 or v4', async () => {
    const input = '很满意\n什么破服务\n\n非常满意，很喜欢，推荐购买\n';
    const byDefault = await runWith(input);
    expect((await runWith(input, ['--model', 'v1'])).out).toBe(byDefault.out);
    for (const model of ['v2', 'v3', 'v4']) {
      const { code, out } = await runWith(input, ['--model', model]);
      expect(code).toBe(0);
      const lines = out.trimEnd().split('\n');
      expect(lines).toHaveLength(4);
      for (const line of lines) expect(line).toMatch(/^(negative|neutral|positive)\t[01]\.\d{3}$/);
      expect(lines[1].split('\t')[0]).toBe('negative');
      expect(lines[2]).toBe('neutral\t0.500');
      expect(lines[3].split('\t')[0]).toBe('positive');
    }
    expect((await runWith(input, ['--model=v3'])).out).not.toBe(byDefault.out);
    expect((await runWith(input, ['--model=v4'])).out).not.toBe(byDefault.out);
  });

  it('rejects an unknown model with exit code 2', async () => {
    const { code, err } = await runWith('很满意\n', ['--model', 'v9']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown --model v9/);
  });
});

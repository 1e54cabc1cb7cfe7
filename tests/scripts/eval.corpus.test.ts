import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { validateCorpus } from '../../scripts/eval/corpus.validate';

const CORPUS = join(__dirname, '..', '..', 'scripts', 'eval', 'corpus');

/** A valid test-half line; each behaviour test breaks one thing in it. */
function line(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'T-jd-001',
    channel: 'mp-kf',
    agentId: 'a-jd-1',
    customerId: 'c-jd-001',
    partial: false,
    tags: { issueType: 'logistics', businessLine: 'jd-3c' },
    rating: { csat: 5, resolved: true },
    messages: [
      { role: 'customer', at: '2026-10-12T10:00:00+08:00', text: '什么时候发货', acts: ['question'] },
      {
        role: 'agent',
        at: '2026-10-12T10:00:20+08:00',
        text: '您好，今天下午发出，感谢您的耐心',
        acts: ['greeting', 'closing'],
      },
    ],
    style: 'jd',
    calm: true,
    expect: [],
    note: 'clean',
    ...over,
  };
}

function problemsOf(records: Record<string, unknown>[], half = 'test'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  try {
    mkdirSync(join(dir, half));
    writeFileSync(join(dir, half, 'x.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return validateCorpus([join(dir, half)]).issues.map((i) => i.message);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('evaluation corpus', () => {
  it('has a tuning half, a training corpus and at least one frozen half', () => {
    expect(readdirSync(CORPUS).sort()).toEqual(expect.arrayContaining(['train', 'tune', 'test10']));
  });
  for (const half of readdirSync(CORPUS).filter((name) => statSync(join(CORPUS, name)).isDirectory())) {
    const dir = join(CORPUS, half);
    it(`every line of the ${half} half is valid`, () => {
      const { issues, stats } = validateCorpus([dir]);
      expect(issues.map((i) => `${i.file}:${i.line}: ${i.message}`)).toEqual([]);
      expect(stats.conversations).toBeGreaterThan(0);
    });
  }
});

describe('corpus validator', () => {
  it('accepts a well-formed line', () => {
    expect(problemsOf([line()])).toEqual([]);
  });

  it('rejects a line that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    try {
      writeFileSync(join(dir, 'x.jsonl'), '{"id":"T-jd-001",\n');
      expect(validateCorpus([dir]).issues[0].message).toMatch(/not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects duplicate ids and the other half’s prefix', () => {
    expect(problemsOf([line(), line()])).toEqual([expect.stringMatching(/duplicate id T-jd-001/)]);
    expect(problemsOf([line({ id: 'U-jd-001' })])).toEqual([expect.stringMatching(/must start with T-/)]);
  });

  it('requires the R- prefix in the training corpus and keeps it out of the evaluation halves', () => {
    expect(problemsOf([line({ id: 'R-jd-001' })], 'train')).toEqual([]);
    expect(problemsOf([line()], 'train')).toEqual([expect.stringMatching(/must start with R-/)]);
    expect(problemsOf([line({ id: 'R-jd-001' })])).toEqual([expect.stringMatching(/must start with T-/)]);
  });

  it('requires the T- prefix in every frozen half (test2 as test)', () => {
    expect(problemsOf([line()], 'test2')).toEqual([]);
    expect(problemsOf([line({ id: 'U-jd-001' })], 'test2')).toEqual([expect.stringMatching(/must start with T-/)]);
  });

  it('rejects unknown rule ids and act names', () => {
    expect(problemsOf([line({ expect: ['rude'] })])).toEqual([expect.stringMatching(/unknown rule "rude"/)]);
    const m = line().messages as Record<string, unknown>[];
    expect(problemsOf([line({ messages: [m[0], { ...m[1], acts: ['thanks'] }] })])).toEqual([
      expect.stringMatching(/unknown act "thanks"/),
    ]);
  });

  it('accepts a style beyond the guide’s examples but not a malformed style tag', () => {
    expect(problemsOf([line({ style: 'xianyu' })])).toEqual([]);
    expect(problemsOf([line({ style: 'Taobao Qin' })])).toEqual([expect.stringMatching(/not a kebab-case style/)]);
  });

  it('rejects a message that is not later than the one before', () => {
    const m = line().messages as Record<string, unknown>[];
    expect(problemsOf([line({ messages: [m[0], { ...m[1], at: m[0].at }] })])).toEqual([
      expect.stringMatching(/not after the message before/),
    ]);
  });

  it('rejects calm that disagrees with the customer acts', () => {
    const m = line().messages as Record<string, unknown>[];
    const angry = [{ ...m[0], acts: ['question', 'anger'] }, m[1]];
    expect(problemsOf([line({ messages: angry, expect: ['no-apology-on-complaint'] })])).toEqual([
      'calm should be false from the customer acts',
    ]);
  });

  it('rejects timing and rating labels the timestamps and rating contradict', () => {
    const m = line().messages as Record<string, unknown>[];
    const slow = [m[0], { ...m[1], at: '2026-10-12T10:01:30+08:00' }];
    expect(problemsOf([line({ messages: slow })])).toEqual([
      'first-response-slow should be expected from the timestamps',
    ]);
    expect(problemsOf([line({ rating: { csat: 2 } })])).toEqual(['unresolved should be expected']);
    expect(problemsOf([line({ messages: [m[0]], expect: ['first-response-slow'] })])).toEqual([
      'no-reply should be expected',
    ]);
  });

  it('rejects a later wait over 180 s that is not labelled reply-slow, and reply-slow without one', () => {
    const m = line().messages as Record<string, unknown>[];
    const later = [
      ...m,
      { role: 'customer', at: '2026-10-12T10:01:00+08:00', text: '能开发票吗', acts: ['question'] },
      { role: 'agent', at: '2026-10-12T10:04:30+08:00', text: '可以的，感谢您', acts: ['closing'] },
    ];
    expect(problemsOf([line({ messages: later })])).toEqual([
      'reply-slow should be expected: a later wait exceeds 180 s',
    ]);
    expect(problemsOf([line({ expect: ['reply-slow'] })])).toEqual([
      'reply-slow expected but no later wait exceeds 180 s and nothing is left unanswered',
    ]);
  });

  it('rejects greeting and closing labels on fragments and apology labels with no agent', () => {
    expect(problemsOf([line({ partial: true, expect: ['greeting-missing'] })])).toEqual([
      'greeting-missing is not judged on a partial conversation',
    ]);
    const m = line().messages as Record<string, unknown>[];
    const unanswered = [{ ...m[0], acts: ['complaint'] }];
    expect(
      problemsOf([
        line({
          messages: unanswered,
          calm: false,
          expect: ['no-apology-on-complaint', 'first-response-slow', 'no-reply'],
        }),
      ]),
    ).toEqual(['no-apology-on-complaint is not judged when no agent replied']);
  });

  it('rejects a line the import would have to repair', () => {
    const m = line().messages as Record<string, unknown>[];
    expect(problemsOf([line({ messages: [{ ...m[0], role: '客户' }, m[1]] })])).toEqual(
      expect.arrayContaining([expect.stringMatching(/import repaired it/)]),
    );
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseSplits, loadSplit, main } from '../../scripts/eval/eval-rules';
import { evaluationSplits, idPrefixOf, isFrozenSplit } from '../../scripts/eval/corpus.splits';
import { evaluateRules, type LabelledCase, type Verdict } from '../../scripts/eval/rules.evaluation';

const c = (id: string, expect: string[], calm = true): LabelledCase => ({ id, expect, calm });
const v = (hits: string[], passed = true): Verdict => ({ hits: new Set(hits), passed });

describe('evaluateRules', () => {
  const cases = [
    c('a', ['closing-missing']),
    c('b', ['closing-missing', 'rude-language'], false),
    c('c', []),
    c('d', ['rude-language'], false),
  ];
  const verdicts: Record<string, Verdict> = {
    a: v(['closing-missing']),
    b: v(['rude-language'], false),
    c: v(['closing-missing', 'customer-negative'], false),
    d: v([], true),
  };
  const report = evaluateRules(cases, (x) => verdicts[x.id], {
    redLineRules: ['rude-language'],
    minExpected: 2,
    bar: 0.6,
  });
  const rule = (id: string) => report.rules.find((r) => r.ruleId === id)!;

  it('counts true positives, false hits and misses per rule', () => {
    expect(rule('closing-missing')).toMatchObject({
      expected: 2,
      predicted: 2,
      truePositives: 1,
      falsePositives: ['c'],
      falseNegatives: ['b'],
    });
    expect(rule('closing-missing').precision.estimate).toBe(0.5);
    expect(rule('closing-missing').recall.estimate).toBe(0.5);
  });

  it('reports a rule that only ever hit wrongly, with precision 0 and no recall to speak of', () => {
    expect(rule('customer-negative')).toMatchObject({ expected: 0, predicted: 1, truePositives: 0 });
    expect(rule('customer-negative').precision.estimate).toBe(0);
    expect(Number.isNaN(rule('customer-negative').recall.estimate)).toBe(true);
  });

  it('finds calm conversations that fail', () => {
    expect(report.calm).toMatchObject({ total: 2, failed: 1, failedIds: ['c'] });
  });

  it('measures red-line recall on its own', () => {
    expect(report.redLines).toMatchObject({ expected: 2, caught: 1 });
    expect(report.goals.redLineRecallIsOne).toBe(false);
  });

  it('holds only rules with enough labelled hits to the bar', () => {
    expect(report.goals.rulesBelowBar.sort()).toEqual(['closing-missing', 'rude-language']);
    expect(report.goals.rulesMeetingBar).toEqual([]);
    const perfect = evaluateRules(cases, (x) => v([...x.expect]), { redLineRules: ['rude-language'], minExpected: 2 });
    expect(perfect.goals).toEqual({
      rulesMeetingBar: ['closing-missing', 'rude-language'],
      rulesBelowBar: [],
      redLineRecallIsOne: true,
      noCalmFails: true,
    });
  });
});

describe('loadSplit', () => {
  function corpus(lines: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'eval-corpus-'));
    mkdirSync(join(dir, 'tune'));
    writeFileSync(join(dir, 'tune', 'a.jsonl'), lines.join('\n'));
    return dir;
  }

  it('names the file and line of a line that is not JSON', () => {
    expect(() => loadSplit('tune', corpus(['{"id":"U-1","expect":[],"calm":true}', '{oops']))).toThrow(
      /tune\/a\.jsonl:2: not JSON/,
    );
  });

  it('names the file and line of a case without its labels', () => {
    expect(() => loadSplit('tune', corpus(['{"id":"U-1","calm":true}']))).toThrow(/tune\/a\.jsonl:1: .*expect/);
  });
});

describe('splits', () => {
  function corpusWith(folders: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'eval-splits-'));
    for (const f of folders) mkdirSync(join(dir, f));
    return dir;
  }

  it('treats every folder whose name starts with test as frozen, and only those', () => {
    expect(['test', 'test2', 'test-2027'].map(isFrozenSplit)).toEqual([true, true, true]);
    expect(['tune', 'train', 'fresh'].map(isFrozenSplit)).toEqual([false, false, false]);
  });

  it('gives every frozen half the T- prefix, tune U- and train R-', () => {
    expect(['test', 'test2', 'tune', 'train', 'other'].map(idPrefixOf)).toEqual(['T-', 'T-', 'U-', 'R-', undefined]);
  });

  it('lists the evaluation halves present, never the act training corpus', () => {
    const dir = corpusWith(['tune', 'test', 'test2', 'train']);
    expect(evaluationSplits(dir)).toEqual(['test', 'test2', 'tune']);
    expect(chooseSplits('all', dir)).toEqual(['test', 'test2', 'tune']);
    expect(chooseSplits('test2', dir)).toEqual(['test2']);
    expect(chooseSplits('train', dir)).toMatch(/no evaluation half/);
    expect(chooseSplits('../x', dir)).toMatch(/must name a folder/);
  });

  it('refuses --explain on any frozen half before reading it', () => {
    const dir = corpusWith(['tune', 'test2']);
    // A line that is not JSON: reading the half would throw, refusing does not.
    writeFileSync(join(dir, 'test2', 'a.jsonl'), '{oops');
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(main(['--split', 'test2', '--explain', '--corpus', dir])).toBe(2);
      expect(main(['--split', 'all', '--explain', '--corpus', dir])).toBe(2);
      expect(error.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/test2/);
    } finally {
      error.mockRestore();
    }
  });
});

import { actFeatures, neutraliseNumbers } from '../../../cloudfunctions/core/text/dialogue-act.features';
import { createActClassifier, fromBase64, toBase64 } from '../../../cloudfunctions/core/text/dialogue-act.classifier';
import { trainActModel, type LabelledTurn } from '../../../scripts/text/acts.training';

describe('dialogue-act features', () => {
  it('neutralises order numbers and prices: the fact of a number, never its digits', () => {
    expect(neutraliseNumbers('单号 2345678901234567，付了 139 元')).toBe('单号 Ｎ，付了 # 元');
    const f = actFeatures('2345678901234567', { role: 'customer' });
    expect(f).toContain('num:long');
    expect(f).toContain('num:only');
    expect(f.some((x) => /\d/.test(x.slice(x.indexOf(':') + 1)) && !x.startsWith('role'))).toBe(false);
  });

  it('marks cue words per act, and negated ones apart', () => {
    expect(actFeatures('我要投诉你们', { role: 'customer' })).toContain('cue:complaint');
    const negated = actFeatures('我不是要投诉', { role: 'customer' });
    expect(negated).toContain('cue-:complaint');
    expect(negated).not.toContain('cue:complaint');
  });

  it('reads a refusal after a commitment word as no commitment', () => {
    expect(actFeatures('这个我们保证不了', { role: 'agent' })).toContain('cue-:commitment');
    expect(actFeatures('肯定能到', { role: 'agent' })).toContain('cue:commitment');
  });

  it('sees cue words through spelling tricks', () => {
    expect(actFeatures('投 诉', { role: 'customer' })).toContain('cue:complaint');
  });

  it('counts characters by code point, as the grams are: length, the start, numbers only', () => {
    // Two astral characters are four UTF-16 units but two characters: a short turn.
    const astral = actFeatures('𠀀𠀁', { role: 'customer' });
    expect(astral).toEqual(expect.arrayContaining(['len:short', 'start:𠀀𠀁', 'c1:𠀀', '2:𠀀𠀁', 'c1:𠀁']));
    expect(actFeatures('𠀀𠀁投诉啊', { role: 'customer' })).toContain('start:𠀀𠀁');
    expect(actFeatures('𠀀𠀁投诉啊', { role: 'customer' })).not.toContain('len:short');
    expect(actFeatures('123 ！？', { role: 'customer' })).toContain('num:only');
    expect(actFeatures('123 好', { role: 'customer' })).not.toContain('num:only');
  });

  it('knows questions by their form', () => {
    expect(actFeatures('这个是做什么用的？', { role: 'customer' })).toContain('q:form');
    expect(actFeatures('能放微波炉吗', { role: 'customer' })).toContain('q:form');
  });
});

describe('dialogue-act classifier', () => {
  const turn = (text: string, role: string, acts: LabelledTurn['acts'], i: number): LabelledTurn => ({
    conversationId: `c${i}`,
    text,
    role,
    firstOfRole: false,
    last: false,
    acts,
  });
  const data: LabelledTurn[] = [];
  for (let i = 0; i < 8; i++) {
    data.push(turn(`这个什么时候发货呢${i}`, 'customer', ['question'], i));
    data.push(turn(`已付款，单号${1000000 + i}`, 'customer', ['transactional'], i));
    data.push(turn(`我要投诉，东西坏了${i}`, 'customer', ['complaint'], i));
    data.push(turn(`亲您好，在的${i}`, 'agent', ['greeting'], i));
    data.push(turn(`不好意思，给您添麻烦了${i}`, 'agent', ['apology-empathy'], i));
    data.push(turn(`感谢您的耐心，祝您生活愉快${i}`, 'agent', ['closing'], i));
  }
  const clf = createActClassifier(trainActModel(data, { minCount: 1 }));

  it.each([
    ['什么时候能发货呢', 'customer', 'question'],
    ['已付款了 单号 88776655', 'customer', 'transactional'],
    ['东西坏了，我要投诉', 'customer', 'complaint'],
    ['亲您好～', 'agent', 'greeting'],
    ['实在不好意思，给您添麻烦了', 'agent', 'apology-empathy'],
    ['感谢支持，祝您愉快', 'agent', 'closing'],
  ])('%s → %s', (text, role, act) => {
    expect(clf.classify(text, { role }).primary).toBe(act);
  });

  it('gives every act a probability and falls back to other', () => {
    const p = clf.classify('', { role: 'agent' });
    expect(Object.keys(p.probabilities)).toHaveLength(9);
    expect(p.acts.length).toBeGreaterThan(0);
  });

  it('refuses a model file of another format', () => {
    expect(() => createActClassifier({ format: 'x' } as never)).toThrow(/format/);
  });
});

describe('the classifier reads character grams by code', () => {
  it('scores exactly as a plain sum over the named features', () => {
    const model = trainActModel(
      [
        {
          conversationId: 'a',
          text: '我要投诉，东西坏了',
          role: 'customer',
          firstOfRole: true,
          last: false,
          acts: ['complaint'],
        },
        {
          conversationId: 'a',
          text: '亲您好，在的😊',
          role: 'agent',
          firstOfRole: true,
          last: false,
          acts: ['greeting'],
        },
        {
          conversationId: 'b',
          text: '已付款 2345678901',
          role: 'customer',
          firstOfRole: true,
          last: true,
          acts: ['transactional'],
        },
      ],
      { minCount: 1, prune: 0 },
    );
    const clf = createActClassifier(model);
    const names = model.features.split('\u0001');
    for (const [text, role] of [
      ['我要投诉，东西坏了', 'customer'],
      ['亲您好，在的😊', 'agent'],
      ['已付款 2345678901', 'customer'],
      ['𠀀𠀁 投诉', 'customer'],
    ] as const) {
      // The weights as Node reads them, independently of the classifier's own decoder.
      const raw = Buffer.from(model.weights, 'base64');
      const weight = (f: number, a: number) => raw.readInt16LE(2 * (f * model.acts.length + a)) * model.scale;
      const z = [...model.bias];
      for (const f of new Set(actFeatures(text, { role }))) {
        const i = names.indexOf(f);
        if (i < 0) continue;
        model.acts.forEach((_, a) => (z[a] += weight(i, a)));
      }
      const p = clf.classify(text, { role }).probabilities;
      model.acts.forEach((act, a) => expect(p[act]).toBeCloseTo(1 / (1 + Math.exp(-z[a])), 10));
    }
  });
});

describe('the act model file', () => {
  it('round-trips base64 exactly as Node encodes it', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 300]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(fromBase64(text))).toEqual(Array.from(bytes));
    }
  });

  it('refuses weights that do not match its features', () => {
    const model = trainActModel(
      [{ conversationId: 'a', text: '您好', role: 'agent', firstOfRole: true, last: false, acts: ['greeting'] }],
      { minCount: 1, prune: 0 },
    );
    expect(() => createActClassifier({ ...model, weights: toBase64(new Uint8Array(4)) })).toThrow(/match/);
  });
});

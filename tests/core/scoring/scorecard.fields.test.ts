import { DEFAULT_SCORECARD_V3 } from '@core/scoring/default.scorecard.v3';
import { diffScorecards } from '@core/scoring/scorecard.diff';
import { applyEdits, validateDraft } from '@core/scoring/scorecard.edit';
import { fieldLabel, leavesOf } from '@core/scoring/scorecard.fields';
import { draftFrom } from '@core/scoring/scorecard.versioning';

const card = DEFAULT_SCORECARD_V3;

describe('fieldLabel: a validation path in Chinese', () => {
  it.each([
    [['sections', 0, 'rules', 3, 'points'], '第1节「服务规范」第4条规则「服务态度恶劣」的分值'],
    [['sections', 1, 'weight'], '第2节「响应时效」的权重'],
    [
      ['sections', 1, 'rules', 0, 'when', 'params', 'overSeconds'],
      '第2节「响应时效」第1条规则「首次响应超时」的超过秒数',
    ],
    [
      ['sections', 2, 'rules', 0, 'when', 'any', 1, 'params', 'pattern'],
      '第3节「合规风控」第1条规则「引导站外交易」的条件2（短语）正则表达式',
    ],
    [
      ['sections', 0, 'rules', 1, 'when', 'params', 'words', 2],
      '第1节「服务规范」第2条规则「未礼貌结束」的关键词第3项',
    ],
    [['passThreshold'], '及格线'],
    [['scope', 'issueTypes'], '适用问题类型'],
    [[], '评分卡'],
  ])('%j → %s', (path, label) => {
    expect(fieldLabel(card, path as (string | number)[])).toBe(label);
  });

  it('still names a path in a card too broken to read', () => {
    expect(fieldLabel(undefined, ['sections', 4, 'rules', 0, 'cap'])).toBe('第5节第1条规则的封顶');
  });
});

describe('edits, validation and the diff against live', () => {
  it('numbers a rule’s conditions depth first', () => {
    const rule = card.sections[2].rules[0];
    expect(leavesOf(rule.when).map((l) => [l.index, l.op, l.path.join('.')])).toEqual([
      [0, 'phrases', 'any.0'],
      [1, 'phrases', 'any.1'],
    ]);
  });

  it('removes a parameter with null (its default applies) and names a missing condition', () => {
    const draft = draftFrom(card);
    const edited = applyEdits(draft, [{ kind: 'param', rule: 'over-promise', leaf: 0, param: 'exclude', value: null }]);
    const when = validateDraft(edited).sections[2].rules[3].when as { op: string; params: Record<string, unknown> };
    expect(when).toMatchObject({ op: 'promise', params: { words: expect.any(Array) } });
    expect(when.params).not.toHaveProperty('exclude');
    expect(() => applyEdits(draft, [{ kind: 'param', rule: 'over-promise', leaf: 3, param: 'x', value: 1 }])).toThrow(
      '第3节「合规风控」第4条规则「过度承诺」的条件：没有条件4',
    );
    // The input is never changed.
    expect(draft.sections[2].rules[3].when).toEqual(card.sections[2].rules[3].when);
  });

  it('says each change in words, and nothing for an identical draft', () => {
    const draft = draftFrom(card);
    expect(diffScorecards(card, draft)).toEqual({ rules: [], card: [], empty: true });
    const edited = applyEdits(draft, [
      { kind: 'rule', rule: 'rude-language', critical: null },
      { kind: 'param', rule: 'closing-missing', leaf: 0, param: 'words', value: ['拜拜', '再见'] },
    ]);
    const changes = diffScorecards(card, edited);
    expect(changes.rules.map((r) => [r.ruleId, r.kind])).toEqual([
      ['closing-missing', 'changed'],
      ['rude-language', 'changed'],
    ]);
    expect(changes.rules[1].details).toEqual(['红线：整单不合格 → 非红线']);
    expect(changes.rules[0].details[0]).toMatch(/^关键词 −「/);
    const removed = {
      ...edited,
      sections: edited.sections.map((s) => ({ ...s, rules: s.rules.filter((r) => r.id !== 'pii-leak') })),
    };
    expect(diffScorecards(card, removed).rules).toContainEqual({
      kind: 'removed',
      ruleId: 'pii-leak',
      name: '泄露客户隐私',
      details: [],
    });
  });

  it('refuses a pattern that is no regular expression (it would fail every scoring), naming it', () => {
    const draft = applyEdits(draftFrom(card), [
      { kind: 'param', rule: 'review-manipulation', leaf: 0, param: 'pattern', value: '(好评' },
    ]);
    expect(() => validateDraft(draft)).toThrow(
      '第3节「合规风控」第2条规则「好评返现」的正则表达式：不是有效的正则表达式',
    );
    expect(validateDraft(draftFrom(card)).sections).toHaveLength(4);
  });

  it('says every zod message in Chinese', () => {
    const draft = applyEdits(draftFrom(card), [{ kind: 'section', section: 'outcome', weight: -1 }]);
    expect(() => validateDraft(draft)).toThrow('第4节「服务结果」的权重：必须大于 0');
  });
});

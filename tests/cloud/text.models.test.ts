import { textModels } from '../../cloudfunctions/common/text.models';
import { classifyActs } from '../../cloudfunctions/core/text/dialogue-act.model';

describe('the text models scoring is given', () => {
  it('offers sentiment and the shipped dialogue-act classifier, built once per instance', () => {
    const models = textModels();
    expect(models.acts).toBe(classifyActs);
    expect(models.sentiment('太慢了，我要投诉').label).toBe('negative');
    expect(textModels()).toBe(models);
  });
});

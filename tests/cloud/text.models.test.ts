import { liveTextModels, textModels } from '../../cloudfunctions/common/text.models';
import { classifyActs } from '../../cloudfunctions/core/text/dialogue-act.model';

describe('the text models scoring is given', () => {
  it('offers sentiment and the shipped dialogue-act classifier, built once per instance', () => {
    const models = textModels();
    expect(models.acts).toBe(classifyActs);
    expect(models.sentiment('太慢了，我要投诉').label).toBe('negative');
    expect(textModels()).toBe(models);
  });

  it('gives the live checks the same answers, remembered per line', () => {
    const live = liveTextModels();
    const lines = ['太慢了，我要投诉', '订单号 123456789 已付款', '好的谢谢', '你们这什么破服务'];
    for (const text of lines) {
      expect(live.sentiment(text)).toEqual(textModels().sentiment(text));
      expect(live.acts(text, { role: 'customer' })).toEqual(classifyActs(text, { role: 'customer' }));
      // The second ask answers from memory: the very same object.
      expect(live.sentiment(text)).toBe(live.sentiment(text));
      expect(live.acts(text, { role: 'customer' })).toBe(live.acts(text, { role: 'customer' }));
    }
    // A turn with more context than its role is never answered from memory.
    const first = live.acts('你好', { role: 'customer', firstOfRole: true });
    expect(live.acts('你好', { role: 'customer', firstOfRole: true })).not.toBe(first);
  });
});

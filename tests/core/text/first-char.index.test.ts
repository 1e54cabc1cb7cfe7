import { FirstCharIndex } from '../../../cloudfunctions/core/text/first-char.index';

describe('FirstCharIndex', () => {
  it('gives what a map keyed by the first character gives, in the order added', () => {
    const words = ['投诉', '投', '微信', 'vx', '吗', '𠀀𠀁', '投诉你们'];
    const index = new FirstCharIndex<string>();
    const reference = new Map<string, string[]>();
    for (const w of words) {
      index.add(w.charCodeAt(0), w);
      reference.set(w[0], [...(reference.get(w[0]) ?? []), w]);
    }
    const text = '我要投诉vx吗𠀀𠀁好了w';
    for (let at = 0; at < text.length; at++) expect(index.get(text.charCodeAt(at))).toEqual(reference.get(text[at]));
    // Codes that share a byte of the bitmap with a filed one are still none.
    expect(index.get('w'.charCodeAt(0))).toBeUndefined();
    expect(index.get('投'.charCodeAt(0) + 1)).toBeUndefined();
  });
});

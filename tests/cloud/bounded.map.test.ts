import { BoundedMap } from '../../cloudfunctions/common/bounded.map';

describe('BoundedMap', () => {
  it('keeps at most its limit, dropping the oldest set entry first', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2).set('c', 3);
    expect([...m.entries()]).toEqual([
      ['b', 2],
      ['c', 3],
    ]);
    m.set('b', 20); // setting a kept key again does not make room
    expect(m.size).toBe(2);
    expect(m.get('c')).toBe(3);
  });
});

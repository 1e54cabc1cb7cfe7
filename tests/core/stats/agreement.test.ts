import { cohenKappa, fleissKappa, krippendorffAlpha } from '../../../cloudfunctions/core/stats/agreement';

describe("Cohen's kappa", () => {
  it('reproduces the textbook 2×2 example: 20/5/10/15 of 50 → pₒ 0.7, pₑ 0.5, κ 0.4', () => {
    const a = [...Array(25).fill('yes'), ...Array(25).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    const r = cohenKappa(a, b);
    expect(r.observed).toBeCloseTo(0.7, 10);
    expect(r.expected).toBeCloseTo(0.5, 10);
    expect(r.kappa).toBeCloseTo(0.4, 10);
  });

  it('leaves out items either rater skipped', () => {
    expect(cohenKappa(['a', 'b', null, 'a'], ['a', 'b', 'a', undefined]).n).toBe(2);
  });

  it('is 0 for agreement no better than chance and negative below it', () => {
    expect(cohenKappa(['a', 'a', 'b', 'b'], ['a', 'b', 'a', 'b']).kappa).toBeCloseTo(0, 10);
    expect(cohenKappa(['a', 'b'], ['b', 'a']).kappa).toBeLessThan(0);
  });
});

describe("Fleiss' kappa", () => {
  // Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories → κ = 0.210.
  const table = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];

  it('reproduces the worked example', () => {
    const r = fleissKappa(table);
    expect(r.observed).toBeCloseTo(0.378, 3);
    expect(r.expected).toBeCloseTo(0.213, 3);
    expect(r.kappa).toBeCloseTo(0.21, 3);
  });

  it('refuses items with different numbers of raters', () => {
    expect(() =>
      fleissKappa([
        [1, 1],
        [2, 1],
      ]),
    ).toThrow(RangeError);
  });
});

describe("Krippendorff's alpha", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units,
  // missing values. Published: nominal 0.743, ordinal 0.815, interval 0.849.
  const _ = null;
  const data = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];

  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
  ] as const)('%s level gives %f', (level, alpha) => {
    expect(krippendorffAlpha(data, level).alpha).toBeCloseTo(alpha, 3);
  });

  it('counts only pairable values (units rated by one observer drop out)', () => {
    expect(krippendorffAlpha(data).pairable).toBe(40);
  });

  it('is 1 for perfect agreement', () => {
    expect(
      krippendorffAlpha([
        [1, 2, 3],
        [1, 2, 3],
      ]).alpha,
    ).toBe(1);
  });

  it('needs numbers for interval data', () => {
    expect(() =>
      krippendorffAlpha(
        [
          ['a', 'b'],
          ['a', 'b'],
        ],
        'interval',
      ),
    ).toThrow(RangeError);
  });
});

describe("Fleiss' kappa on Fleiss (1971), Table 1", () => {
  // 30 patients, 6 psychiatrists each, 5 diagnoses (depression, personality disorder,
  // schizophrenia, neurosis, other); published κ = 0.430 (irr's kappam.fleiss: 0.4302445).
  const raw = [
    '444444',
    '222555',
    '233335',
    '555555',
    '222444',
    '113333',
    '333355',
    '113334',
    '114444',
    '555555',
    '144444',
    '124444',
    '222333',
    '144444',
    '224445',
    '333335',
    '111455',
    '111112',
    '224444',
    '133555',
    '555555',
    '244444',
    '224555',
    '114444',
    '144445',
    '222224',
    '111155',
    '224444',
    '133333',
    '555555',
  ];
  const counts = raw.map((r) => [1, 2, 3, 4, 5].map((d) => [...r].filter((c) => Number(c) === d).length));

  it('has the published column totals (a check on the transcription)', () => {
    expect([0, 1, 2, 3, 4].map((j) => counts.reduce((s, row) => s + row[j], 0))).toEqual([26, 26, 30, 55, 43]);
  });

  it('gives κ = 0.430', () => {
    expect(fleissKappa(counts).kappa).toBeCloseTo(0.4302445, 6);
  });
});

describe("Krippendorff's alpha, binary example of Krippendorff (2011)", () => {
  // Two observers, ten units, no missing data: published α = 0.095.
  it('gives 0.095', () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(krippendorffAlpha([a, b]).alpha).toBeCloseTo(0.095, 3);
  });
});

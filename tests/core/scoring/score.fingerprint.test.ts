import { fingerprint } from '../../../scripts/support/score.fingerprint';

/**
 * Every score of the bench's 5,000 and the demo's 2,000 conversations under three fact sets,
 * hashed (scripts/support/score.fingerprint.ts). Pinned to the v1 default scorecard: a change to
 * the engine that moves any score, hit, excerpt or reason fails here. When it does, compare
 * `npx tsx scripts/score-fingerprint.ts --out after.jsonl` with the same run before the change.
 */
describe('score fingerprint (v1 default scorecard)', () => {
  it('scores the bench and demo corpora exactly as before', () => {
    const result = fingerprint();
    expect(result.parts).toEqual({
      'bench × none': 'ef9e82b8acebca56',
      'bench × sentiment': 'a45373e88e629eb1',
      'bench × live+history': 'be180feac574617e',
      'demo × none': '3c729e7b59f5c319',
      'demo × sentiment': '8a0db69a29be85b9',
      'demo × live+history': '9b709a1a97e6802f',
    });
    expect(result.all).toBe('720c3d4c7f47fc0fd7c35c6c33328b95ba8c4130f532304d3670bbed8f40dee8');
  });
});

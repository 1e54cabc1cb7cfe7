import { replyWaits } from '../../../src/utils/transcript';

const at = (seconds: number) => seconds * 1000;

describe('replyWaits', () => {
  test('measures an agent reply from the first unanswered customer message', () => {
    const waits = replyWaits([
      { role: 'customer', at: at(0) },
      { role: 'customer', at: at(20) },
      { role: 'agent', at: at(65) },
    ]);
    expect(waits).toEqual([null, null, 65_000]);
  });

  test('gives no wait to a second agent message in a row', () => {
    const waits = replyWaits([
      { role: 'customer', at: at(0) },
      { role: 'agent', at: at(10) },
      { role: 'agent', at: at(30) },
    ]);
    expect(waits).toEqual([null, 10_000, null]);
  });

  test('ignores system messages and agent messages that open the conversation', () => {
    const waits = replyWaits([
      { role: 'agent', at: at(0) },
      { role: 'system', at: at(5) },
      { role: 'customer', at: at(10) },
      { role: 'system', at: at(12) },
      { role: 'agent', at: at(40) },
    ]);
    expect(waits).toEqual([null, null, null, null, 30_000]);
  });
});

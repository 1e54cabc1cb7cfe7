import { logFailure } from '../../cloudfunctions/common/log';
import { DomainError, ERROR_CODES } from '../../cloudfunctions/core/errors';
import { muteConsole, takeLogLeaks } from './log.guard';

describe('the log guard', () => {
  it('catches a phone, an ID-card and a card number written to the console', () => {
    muteConsole(() => {
      console.error('payload', { text: '我的手机13812345678' });
      console.warn('身份证 11010519491231002X');
      console.log('卡号 6222 0212 3456 7890 128');
    });
    const leaks = takeLogLeaks();
    expect(leaks).toHaveLength(3);
    expect(leaks.join('\n')).not.toContain('13812345678');
  });

  it('lets ids and codes through', () => {
    muteConsole(() => console.error('[api] action=sessions/get code=SESSION.NOT_FOUND session=s_wx_5f3a'));
    expect(takeLogLeaks()).toEqual([]);
  });
});

describe('logFailure', () => {
  let lines: string[];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    lines = [];
    spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
  });
  afterEach(() => spy.mockRestore());

  it("writes where, the ids, the class, the code and frames, never the error's message", () => {
    const e = Object.assign(new Error('insert failed: {"text":"我的手机13812345678"}'), { errCode: -502001 });
    logFailure('ingest/events', e, { event: 'ev_1', missing: undefined });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[ingest\/events\] event=ev_1 Error code=-502001 at /);
    expect(lines[0]).not.toContain('13812345678');
    expect(lines[0]).not.toContain('insert failed');
  });

  it("names a domain error's stable code", () => {
    logFailure('api', new DomainError(ERROR_CODES.INPUT_INVALID, '手机号 13812345678 无效'));
    expect(lines[0]).toContain('code=INPUT.INVALID');
    expect(lines[0]).not.toContain('13812345678');
  });

  it('copes with a thrown non-error', () => {
    logFailure('sweep', 'boom 13812345678');
    expect(lines).toEqual(['[sweep] thrown string']);
  });
});

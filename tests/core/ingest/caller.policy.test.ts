import {
  ingestCallerRefusal,
  LOCAL_PUSH_SOURCE,
  sourceChain,
  sweepCallerRefusal,
} from '../../../cloudfunctions/core/ingest/caller.policy';

const push = { MsgType: 'text', FromUserName: 'o-customer', CreateTime: 1, MsgId: 1, Content: '你好' };

describe('sourceChain', () => {
  test('splits the comma-joined chain and ignores blanks', () => {
    expect(sourceChain('wx_client, scf')).toEqual(['wx_client', 'scf']);
    expect(sourceChain('')).toEqual([]);
    expect(sourceChain(undefined)).toEqual([]);
    expect(sourceChain({ toString: () => 'wx_trigger' })).toEqual([]);
  });
});

describe('ingest callers', () => {
  test.each(['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_crawler', 'wx_client,scf', 'wx_devtools,scf,scf'])(
    'a chain starting at a client (%s) is refused with CALLER.REFUSED',
    (SOURCE) => {
      expect(ingestCallerRefusal({ SOURCE, OPENID: 'o-customer' }, push)).toMatchObject({
        ok: false,
        code: 'CALLER.REFUSED',
      });
    },
  );

  test('no SOURCE at all is refused', () => {
    expect(ingestCallerRefusal({}, push)).toMatchObject({ code: 'CALLER.REFUSED' });
  });

  test('the timer firing ingest directly is refused; a timer function calling it is served', () => {
    expect(ingestCallerRefusal({ SOURCE: 'wx_trigger' }, {})).toMatchObject({ code: 'CALLER.REFUSED' });
    expect(ingestCallerRefusal({ SOURCE: 'wx_trigger,scf' }, {})).toBeNull();
  });

  test('a push is served when the OPENID WeChat names is its sender, or absent', () => {
    expect(ingestCallerRefusal({ SOURCE: LOCAL_PUSH_SOURCE, OPENID: 'o-customer' }, push)).toBeNull();
    expect(ingestCallerRefusal({ SOURCE: 'wx_http' }, push)).toBeNull();
  });

  test('a push whose sender is not the OPENID WeChat names is refused as forged', () => {
    expect(ingestCallerRefusal({ SOURCE: LOCAL_PUSH_SOURCE, OPENID: 'o-other' }, push)).toMatchObject({
      code: 'CALLER.REFUSED',
    });
  });
});

test('a push whose sender is not a string is refused, even one that throws when converted (found by the fuzzer)', () => {
  const hostile = { toString: 'x', valueOf: 1 };
  for (const from of [hostile, ['o-customer'], 42, null]) {
    expect(
      ingestCallerRefusal({ SOURCE: LOCAL_PUSH_SOURCE, OPENID: 'o-customer' }, { ...push, FromUserName: from }),
    ).toMatchObject({
      code: 'CALLER.REFUSED',
    });
  }
});

describe('sweep callers', () => {
  test('only the timer runs the sweep', () => {
    expect(sweepCallerRefusal({ SOURCE: 'wx_trigger' })).toBeNull();
    for (const SOURCE of ['wx_client', 'wx_trigger,scf', 'wx_http', 'scf', LOCAL_PUSH_SOURCE, '', undefined]) {
      expect(sweepCallerRefusal({ SOURCE })).toMatchObject({ code: 'CALLER.REFUSED' });
    }
  });
});

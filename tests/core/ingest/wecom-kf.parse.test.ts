import { readFileSync } from 'fs';
import { join } from 'path';
import { DomainError } from '../../../cloudfunctions/core/errors';
import {
  isWecomCallback,
  mapSyncMessage,
  parseWecomCallback,
  wecomEnvelope,
} from '../../../cloudfunctions/core/ingest/wecom-kf.parse';

const wechatFixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', 'wechat', name), 'utf8');
const CALLBACK_XML = wechatFixture('wecom-kf-callback.xml');
const SYNC_PAGE = JSON.parse(wechatFixture('wecom-kf-sync-msg-response.json')) as {
  msg_list: Record<string, unknown>[];
};

const SEND_TIME = 1_700_000_000;

function item(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    msgid: 'm1',
    open_kfid: 'wk1',
    external_userid: 'wm_customer',
    send_time: SEND_TIME,
    origin: 3,
    msgtype: 'text',
    text: { content: '你好' },
    ...overrides,
  };
}

function eventItem(event: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    msgid: 'e1',
    send_time: SEND_TIME,
    origin: 4,
    msgtype: 'event',
    event: { open_kfid: 'wk1', external_userid: 'wm_customer', ...event },
    ...overrides,
  };
}

function expectBadPayload(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('INGEST.BAD_PAYLOAD');
    return;
  }
  throw new Error('expected INGEST.BAD_PAYLOAD');
}

describe('parseWecomCallback', () => {
  it('extracts token, open_kfid and time from the documented XML', () => {
    expect(parseWecomCallback(CALLBACK_XML)).toEqual({
      token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      openKfId: 'wkxxxxxxx',
      createTime: 1348831860_000,
    });
  });

  it('accepts plain (non-CDATA) text with entities and an XML declaration', () => {
    const xml = `<?xml version="1.0"?><xml><CreateTime>1700000000</CreateTime><Event>kf_msg_or_event</Event><Token>a&amp;b</Token><OpenKfId> wk2 </OpenKfId></xml>`;
    expect(parseWecomCallback(xml)).toEqual({ token: 'a&b', openKfId: 'wk2', createTime: 1_700_000_000_000 });
  });

  it('accepts a JSON object with the same field names, CreateTime as a string', () => {
    const body = { CreateTime: '1700000000', MsgType: 'event', Event: 'kf_msg_or_event', Token: 't', OpenKfId: 'wk3' };
    expect(parseWecomCallback(body)).toEqual({ token: 't', openKfId: 'wk3', createTime: 1_700_000_000_000 });
  });

  it('reads the body of a cloud-function HTTP trigger, base64 or not', () => {
    const plain = { httpMethod: 'POST', body: CALLBACK_XML, isBase64Encoded: false };
    const encoded = { httpMethod: 'POST', body: Buffer.from(CALLBACK_XML).toString('base64'), isBase64Encoded: true };
    expect(parseWecomCallback(plain).openKfId).toBe('wkxxxxxxx');
    expect(parseWecomCallback(encoded).openKfId).toBe('wkxxxxxxx');
  });

  it('rejects a body that declares a DTD (no entity is ever expanded)', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><xml><CreateTime>1700000000</CreateTime><Token>&e;</Token><OpenKfId>wk</OpenKfId></xml>`;
    expectBadPayload(() => parseWecomCallback(xml));
  });

  it('leaves an undeclared entity as written', () => {
    const xml = `<xml><CreateTime>1700000000</CreateTime><Token>x&e;</Token><OpenKfId>wk</OpenKfId></xml>`;
    expect(parseWecomCallback(xml).token).toBe('x&e;');
  });

  it.each([
    ['not XML', 'hello'],
    ['truncated XML', '<xml><Token><![CDATA[t]]></Token>'],
    ['a missing Token', '<xml><CreateTime>1700000000</CreateTime><OpenKfId>wk</OpenKfId></xml>'],
    ['a missing OpenKfId', '<xml><CreateTime>1700000000</CreateTime><Token>t</Token></xml>'],
    ['a bad CreateTime', '<xml><CreateTime>soon</CreateTime><Token>t</Token><OpenKfId>wk</OpenKfId></xml>'],
    [
      'another event',
      '<xml><CreateTime>1700000000</CreateTime><Event>subscribe</Event><Token>t</Token><OpenKfId>wk</OpenKfId></xml>',
    ],
    ['a number', 42],
    ['null', null],
  ])('rejects %s as INGEST.BAD_PAYLOAD', (_name, input) => {
    expectBadPayload(() => parseWecomCallback(input));
  });
});

describe('isWecomCallback', () => {
  it('recognises the XML callback and its JSON form', () => {
    expect(isWecomCallback(CALLBACK_XML)).toBe(true);
    expect(isWecomCallback({ Event: 'kf_msg_or_event', Token: 't', OpenKfId: 'wk' })).toBe(true);
  });

  it('does not claim mini-program pushes, imports or garbage', () => {
    const mpPush = {
      ToUserName: 'gh_1',
      FromUserName: 'o1',
      CreateTime: 1700000000,
      MsgType: 'text',
      Content: 'hi',
      MsgId: 1,
    };
    expect(isWecomCallback(mpPush)).toBe(false);
    expect(isWecomCallback({ kind: 'import-conversation' })).toBe(false);
    expect(isWecomCallback('<xml><Token>t</Token>')).toBe(false);
    expect(isWecomCallback(undefined)).toBe(false);
  });
});

describe('wecomEnvelope', () => {
  const ENCRYPTED =
    '<xml><ToUserName><![CDATA[ww1]]></ToUserName><AgentID><![CDATA[]]></AgentID><Encrypt><![CDATA[AbC+/=]]></Encrypt></xml>';

  it('finds the encrypted part and the signing query of an HTTP-trigger event', () => {
    const event = {
      httpMethod: 'POST',
      body: ENCRYPTED,
      queryStringParameters: { msg_signature: 's', timestamp: '1', nonce: 'n' },
    };
    expect(wecomEnvelope(event)).toEqual({
      encrypted: 'AbC+/=',
      query: { msg_signature: 's', timestamp: '1', nonce: 'n' },
      httpMethod: 'POST',
    });
    expect(isWecomCallback(event)).toBe(true);
  });

  it('reports a plaintext callback as not encrypted', () => {
    expect(wecomEnvelope(CALLBACK_XML)).toEqual({ encrypted: null, query: {} });
  });

  it('recognises the console URL check by its echostr', () => {
    const check = {
      httpMethod: 'GET',
      queryStringParameters: { msg_signature: 's', timestamp: '1', nonce: 'n', echostr: 'e' },
    };
    expect(isWecomCallback(check)).toBe(true);
  });
});

describe('mapSyncMessage: who wrote it', () => {
  it('maps the documented page: origin 3 customer, 5 agent with servicer_userid, 4 system event', () => {
    const [customer, agent, event] = SYNC_PAGE.msg_list.map(mapSyncMessage);
    expect(customer).toMatchObject({
      _id: 'wk_from_msgid_4622416642169452483',
      channel: 'wecom-kf',
      role: 'customer',
      type: 'text',
      text: '我买的耳机左边没有声音',
      customerId: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
      at: 1615478585_000,
    });
    expect(customer).not.toHaveProperty('agentId');
    expect(agent).toMatchObject({ role: 'agent', agentId: 'zhangsan', at: 1615478641_000 });
    expect(event).toMatchObject({ role: 'system', type: 'event', customerId: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw' });
    expect(event?.text).toContain('重新接入会话');
  });

  it('accepts origin and send_time given as strings', () => {
    const m = mapSyncMessage(item({ origin: '5', servicer_userid: 'lisi', send_time: String(SEND_TIME) }));
    expect(m).toMatchObject({ role: 'agent', agentId: 'lisi', at: SEND_TIME * 1000 });
  });

  it('never takes servicer_userid as the agent of a customer message', () => {
    expect(mapSyncMessage(item({ origin: 3, servicer_userid: 'zhangsan' }))).not.toHaveProperty('agentId');
  });

  it('treats an unknown origin as a system message rather than guessing a person', () => {
    expect(mapSyncMessage(item({ origin: 9 }))).toMatchObject({ role: 'system', meta: { origin: 9 } });
  });
});

describe('mapSyncMessage: message types', () => {
  it.each([
    ['image', { image: { media_id: 'MID' } }, 'image', '[图片]'],
    ['voice', { voice: { media_id: 'MID' } }, 'voice', '[语音]'],
    ['file', { file: { media_id: 'MID' } }, 'card', '[文件]'],
    ['video', { video: { media_id: 'MID' } }, 'card', '[视频]'],
    ['link', { link: { title: '退货说明', url: 'https://example.com/r' } }, 'card', '[链接] 退货说明'],
    [
      'miniprogram',
      { miniprogram: { title: '我的订单', appid: 'wx1', pagepath: 'pages/o' } },
      'card',
      '[小程序卡片] 我的订单',
    ],
    ['location', { location: { name: '上海虹桥站' } }, 'card', '[位置] 上海虹桥站'],
  ])('%s becomes %s type %s with a placeholder', (msgtype, body, type, text) => {
    expect(mapSyncMessage(item({ msgtype, text: undefined, ...body }))).toMatchObject({ type, text });
  });

  it('keeps the media id of an attachment for later download', () => {
    expect(mapSyncMessage(item({ msgtype: 'image', image: { media_id: 'MID' } }))?.meta.mediaId).toBe('MID');
  });

  it('turns an agent menu into the text the customer read', () => {
    const menu = {
      head_content: '请选择：',
      list: [
        { type: 'click', click: { id: '1', content: '查询订单' } },
        { type: 'view', view: { url: 'https://example.com', content: '售后政策' } },
      ],
      tail_content: '谢谢',
    };
    const m = mapSyncMessage(item({ origin: 5, servicer_userid: 'zhangsan', msgtype: 'msgmenu', msgmenu: menu }));
    expect(m).toMatchObject({ role: 'agent', type: 'text', text: '请选择：\n查询订单\n售后政策\n谢谢' });
  });

  it('keeps an unknown message type as an event of its writer instead of dropping it', () => {
    const m = mapSyncMessage(item({ msgtype: 'channels_shop_product', channels_shop_product: {} }));
    expect(m).toMatchObject({
      role: 'customer',
      type: 'event',
      text: '[channels_shop_product]',
      meta: { msgtype: 'channels_shop_product' },
    });
  });
});

describe('mapSyncMessage: events', () => {
  it.each([
    [{ event_type: 'session_status_change', change_type: 1, new_servicer_userid: 'lisi' }, '[lisi 从接待池接入会话]'],
    [
      {
        event_type: 'session_status_change',
        change_type: 2,
        old_servicer_userid: 'zhangsan',
        new_servicer_userid: 'lisi',
      },
      '[会话由 zhangsan 转接给 lisi]',
    ],
    [
      { event_type: 'session_status_change', change_type: '3', old_servicer_userid: 'zhangsan' },
      '[zhangsan 结束了会话]',
    ],
    [{ event_type: 'enter_session', scene: '123' }, '[客户进入会话]'],
    [{ event_type: 'user_recall_msg', recall_msgid: 'm0' }, '[客户撤回了一条消息]'],
    [{ event_type: 'brand_new_event' }, '[事件 brand_new_event]'],
  ])('describes %o in Chinese', (event, text) => {
    expect(mapSyncMessage(eventItem(event))).toMatchObject({
      role: 'system',
      type: 'event',
      text,
      customerId: 'wm_customer',
    });
  });

  it('marks only the end of a conversation as ending the session', () => {
    const ended = mapSyncMessage(eventItem({ event_type: 'session_status_change', change_type: 3 }));
    const transferred = mapSyncMessage(eventItem({ event_type: 'session_status_change', change_type: 2 }));
    expect(ended?.meta.endsSession).toBe(true);
    expect(transferred?.meta.endsSession).toBeUndefined();
  });

  it('finds the customer at the top level when the event object lacks it', () => {
    const m = mapSyncMessage(
      eventItem({ event_type: 'enter_session', external_userid: undefined }, { external_userid: 'wm_top' }),
    );
    expect(m?.customerId).toBe('wm_top');
  });

  it('returns null for an event that concerns no customer (an agent going off duty)', () => {
    const ev = {
      msgid: 'e2',
      send_time: SEND_TIME,
      origin: 4,
      msgtype: 'event',
      event: { event_type: 'servicer_status_change', servicer_userid: 'zhangsan', status: 2 },
    };
    expect(mapSyncMessage(ev)).toBeNull();
  });
});

describe('mapSyncMessage: bad items', () => {
  it.each([
    ['no msgid', item({ msgid: undefined })],
    ['no external_userid', item({ external_userid: undefined })],
    ['a send_time in milliseconds', item({ send_time: SEND_TIME * 1000 })],
    ['a text without content', item({ text: {} })],
    ['an event without event_type', eventItem({ event_type: undefined })],
    ['an array', []],
  ])('rejects %s as INGEST.BAD_PAYLOAD', (_name, input) => {
    expectBadPayload(() => mapSyncMessage(input));
  });
});

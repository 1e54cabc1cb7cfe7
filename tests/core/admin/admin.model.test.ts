import {
  formatInviteCode,
  inviteState,
  isRobotWebhook,
  maskWebhook,
  normaliseInviteCode,
} from '../../../cloudfunctions/core/admin/admin.model';

describe('invite codes', () => {
  it('reads a code as typed: any case, spaces or dashes; refuses look-alikes and wrong lengths', () => {
    expect(normaliseInviteCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(normaliseInviteCode('ABCDE FGHJK')).toBe('ABCDEFGHJK');
    expect(normaliseInviteCode('ABCDE-FGHJ0')).toBeNull(); // 0 is not in the alphabet
    expect(normaliseInviteCode('ABCDE-FGHJI')).toBeNull(); // nor I
    expect(normaliseInviteCode('ABCDE')).toBeNull();
    expect(formatInviteCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
  });

  it('states: used wins over expired; expiry is exclusive of the instant', () => {
    expect(inviteState({ expiresAt: 100 }, 99)).toBe('open');
    expect(inviteState({ expiresAt: 100 }, 100)).toBe('expired');
    expect(inviteState({ expiresAt: 100, usedBy: 'o1' }, 200)).toBe('used');
  });
});

describe('WeCom robot webhooks', () => {
  const good = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
  it('accepts only the WeCom robot URL over https', () => {
    expect(isRobotWebhook(good)).toBe(true);
    expect(isRobotWebhook(good.replace('https:', 'http:'))).toBe(false);
    expect(isRobotWebhook(good.replace('qyapi.weixin.qq.com', 'qyapi.weixin.qq.com.evil.example'))).toBe(false);
    expect(isRobotWebhook('https://qyapi.weixin.qq.com/cgi-bin/webhook/send')).toBe(false);
    expect(isRobotWebhook('not a url')).toBe(false);
  });

  it('masks the key in the middle', () => {
    expect(maskWebhook(good)).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****5aaa');
    expect(maskWebhook(good)).not.toContain('7xxx');
  });
});

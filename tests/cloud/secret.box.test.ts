/** The sealed secrets of ingest sources (common/admin/secret.box.ts): round trip, wrong key, tampering. */
import { newSecret, open, seal, secretKey } from '../../cloudfunctions/common/admin/secret.box';

const KEY = Buffer.alloc(32, 7);

describe('secret box', () => {
  it('seals and opens; each seal has its own IV, and the plain text is not in the box', () => {
    const secret = newSecret();
    const a = seal(secret, KEY);
    const b = seal(secret, KEY);
    expect(open(a, KEY)).toBe(secret);
    expect(a.iv).not.toBe(b.iv);
    expect(JSON.stringify(a)).not.toContain(secret);
  });

  it('opens nothing under another key or after tampering', () => {
    const box = seal('s3cret', KEY);
    expect(open(box, Buffer.alloc(32, 8))).toBeNull();
    const data = Buffer.from(box.data, 'base64');
    data[0] ^= 1;
    expect(open({ ...box, data: data.toString('base64') }, KEY)).toBeNull();
  });

  it('reads the key from the environment as hex or base64; anything else is no key', () => {
    expect(secretKey({ KEFU_SECRET_KEY: 'ab'.repeat(32) })).toEqual(Buffer.alloc(32, 0xab));
    expect(secretKey({ KEFU_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') })).toEqual(Buffer.alloc(32, 1));
    expect(secretKey({ KEFU_SECRET_KEY: 'short' })).toBeNull();
    expect(secretKey({})).toBeNull();
  });
});

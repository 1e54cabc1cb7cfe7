/** Builders for syntactically valid (and deliberately invalid) identifiers used by the PII tests. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** An 18-character ID number with a correct GB 11643 check character. */
export function idCard(region = '110101', birth = '19900307', seq = '123'): string {
  const body = `${region}${birth}${seq}`;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body[i]) * ID_WEIGHTS[i];
  return body + ID_CHECK_CHARS[sum % 11];
}

/** The same ID with a wrong check character. */
export function idCardBadChecksum(region?: string, birth?: string, seq?: string): string {
  const good = idCard(region, birth, seq);
  const wrong = ID_CHECK_CHARS[(ID_CHECK_CHARS.indexOf(good[17]) + 1) % 11];
  return good.slice(0, 17) + wrong;
}

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    // Positions counted from the right of the final number; the check digit is position 0.
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A Luhn-valid card number of the given length starting with prefix. */
export function bankCard(prefix = '622202', length = 16): string {
  let body = prefix;
  let n = 1;
  while (body.length < length - 1) {
    body += String(n % 10);
    n += 3;
  }
  return body + luhnCheckDigit(body);
}

/** The same card with the last digit changed, so Luhn fails. */
export function bankCardLuhnInvalid(prefix?: string, length?: number): string {
  const good = bankCard(prefix, length);
  return good.slice(0, -1) + String((Number(good.slice(-1)) + 1) % 10);
}

export function groupInFours(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

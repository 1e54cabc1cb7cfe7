/**
 * The longest message text stored, at every door (push, WeCom, signed API, import). A longer
 * text is kept cut to this length with `truncated: true` and its `fullLength` on the message;
 * the door dead-letters the whole input (masked) so nothing is lost. The cap bounds what masking,
 * scoring and every later read of the message cost: a 300,000-character push once made the
 * session's message query exceed the database's 1 MB result limit and stopped the sweep.
 * 10,000 characters is far beyond any chat line (WeChat's own text messages stop at 2,048 bytes
 * in the send API) and still ~30 KB in UTF-8, so a page of messages stays far under 1 MB.
 */
import type { Message, MessageRole } from '../model';
import { maskPii } from '../privacy/pii.mask';

export const MESSAGE_TEXT_LIMIT = 10_000;

export interface CappedText {
  text: string;
  truncated: boolean;
  fullLength: number;
}

export function capMessageText(text: string, limit = MESSAGE_TEXT_LIMIT): CappedText {
  if (text.length <= limit) return { text, truncated: false, fullLength: text.length };
  // Never cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(text[limit - 1] ?? '') ? limit - 1 : limit;
  return { text: text.slice(0, end), truncated: true, fullLength: text.length };
}

/** The text fields of a stored message: capped first (masking cost stays bounded), then masked as `by`. */
export function storedText(raw: string, by: MessageRole): Pick<Message, 'text' | 'pii' | 'truncated' | 'fullLength'> {
  const capped = capMessageText(raw);
  const masked = maskPii(capped.text, by);
  return {
    text: masked.text,
    ...(masked.findings.length ? { pii: masked.findings } : {}),
    ...(capped.truncated ? { truncated: true, fullLength: capped.fullLength } : {}),
  };
}

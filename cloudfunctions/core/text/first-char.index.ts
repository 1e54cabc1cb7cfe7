/**
 * Entries (words, cues) grouped by their first UTF-16 code unit, for scans that try at each
 * position of a text only the entries that can start there.
 *
 * Looked up by code (`text.charCodeAt(at)`), not by a one-character string: `text[at]` builds a
 * new string at every position for any character past Latin-1 (every Chinese one), and building
 * and hashing it was most of such a scan's cost. A bitmap of the codes that start an entry answers
 * "nothing starts here", which is most positions, without touching the map. Same answers as a
 * `Map<string, T[]>` keyed by `word[0]`: `word[0]` is the code unit `charCodeAt(0)` names.
 */
export class FirstCharIndex<T> {
  /** One bit per UTF-16 code unit (65,536 bits): set when some entry starts with it. */
  private readonly starts = new Uint8Array(65536 >>> 3);
  private readonly byCode = new Map<number, T[]>();

  /** Files `entry` under the code unit `code` (0 to 65535), after those filed there before. */
  add(code: number, entry: T): void {
    this.starts[code >>> 3] |= 1 << (code & 7);
    const list = this.byCode.get(code);
    if (list === undefined) this.byCode.set(code, [entry]);
    else list.push(entry);
  }

  /** The entries starting with code unit `code`, in the order added; undefined when none. */
  get(code: number): readonly T[] | undefined {
    return (this.starts[code >>> 3] & (1 << (code & 7))) === 0 ? undefined : this.byCode.get(code);
  }
}

/**
 * The messages of an open session for the live checks, without reading them all on every push.
 *
 * The live checks run after each stored message and need the session's messages in time order
 * (evidence points at a message's index; the anger check looks back a few customer lines).
 * Reading the whole session for each push was 11 % of the push path and grows with the
 * session. This instance keeps what it read or stored per open session and trusts it only
 * when its length proves it complete: messages reach an open session through `storeMessage`
 * alone, which adds each message and raises `messageCount` in one transaction, and messages
 * are never removed from an open session; so a list this instance built from real stored
 * messages that holds `messageCount` of them is the session's whole list. Any other length
 * (another instance stored a message meanwhile, a new instance) reads the session again.
 *
 * Bounded: at most MAX_HELD messages in all (least recently used sessions leave first; a few
 * MB), and a session longer than MAX_MESSAGES is always read.
 */
import type { Message, Session } from '../../core/model';
import { asListedMessage, listMessages } from '../messages.repository';
import { onForgetInstanceCaches } from '../instance.cache';

const MAX_HELD = 20_000;
const MAX_MESSAGES = 400;

export interface LiveMessageLists {
  /**
   * The messages of `session` (its state after `stored` was committed), in time order, `stored`
   * among them.
   */
  of(session: Pick<Session, '_id' | 'messageCount'>, stored: Message): Promise<Message[]>;
  /**
   * The whole list of `session` as this instance holds it, when its length proves it complete
   * (see above); null otherwise. The close scores from it instead of reading the session again.
   */
  complete(session: Pick<Session, '_id' | 'messageCount'>): Message[] | null;
  /** A session this instance just opened, with no message yet: its list is empty and whole. */
  opened(sessionId: string): void;
  /** A session that closed leaves the cache (its messages are no longer checked live). */
  forget(sessionId: string): void;
  /** How many messages are held (for tests of the bound). */
  held(): number;
  /** Drops every list (tests that reset the database). */
  clear(): void;
}

/** One instance's lists (a module-level one below; tests make more to play other instances). */
export function createLiveMessageLists(maxHeld = MAX_HELD): LiveMessageLists {
  const lists = new Map<string, Message[]>();
  let held = 0;

  function forget(sessionId: string): void {
    const gone = lists.get(sessionId);
    if (!gone) return;
    held -= gone.length;
    lists.delete(sessionId);
  }

  function remember(sessionId: string, messages: Message[]): void {
    forget(sessionId);
    if (messages.length > MAX_MESSAGES) return;
    lists.set(sessionId, messages); // a Map keeps insertion order: the first key is the oldest use
    held += messages.length;
    while (held > maxHeld) forget(lists.keys().next().value as string);
  }

  async function of(session: Pick<Session, '_id' | 'messageCount'>, stored: Message): Promise<Message[]> {
    const known = lists.get(session._id);
    if (known && known.length === session.messageCount - 1 && !known.some((m) => m._id === stored._id)) {
      let i = known.length;
      while (i > 0 && before(stored, known[i - 1])) i--;
      const next = [...known.slice(0, i), asListedMessage(stored), ...known.slice(i)];
      remember(session._id, next);
      return next;
    }
    if (known && known.length === session.messageCount && known.some((m) => m._id === stored._id)) {
      remember(session._id, known);
      return known;
    }
    const read = await listMessages(session._id);
    remember(session._id, read);
    return read;
  }

  function complete(session: Pick<Session, '_id' | 'messageCount'>): Message[] | null {
    const known = lists.get(session._id);
    return known && known.length === session.messageCount ? known : null;
  }

  function clear(): void {
    lists.clear();
    held = 0;
  }

  return { of, complete, opened: (sessionId) => remember(sessionId, []), forget, held: () => held, clear };
}

/** Time order as `listMessages` returns it: `at`, then `_id`. */
function before(a: Pick<Message, 'at' | '_id'>, b: Pick<Message, 'at' | '_id'>): boolean {
  return a.at < b.at || (a.at === b.at && a._id < b._id);
}

const instanceLists = createLiveMessageLists();
onForgetInstanceCaches(() => instanceLists.clear());

export function liveMessagesOf(session: Pick<Session, '_id' | 'messageCount'>, stored: Message): Promise<Message[]> {
  return instanceLists.of(session, stored);
}

export function heldMessagesOf(session: Pick<Session, '_id' | 'messageCount'>): Message[] | null {
  return instanceLists.complete(session);
}

export function openedLiveMessages(sessionId: string): void {
  instanceLists.opened(sessionId);
}

export function forgetLiveMessages(sessionId: string): void {
  instanceLists.forget(sessionId);
}

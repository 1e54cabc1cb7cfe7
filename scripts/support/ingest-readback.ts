/**
 * The exactly-once check of `npm run bench:ingest`, read back from the store file after the
 * host has stopped: every pushed message found once by its marker (none lost, none twice), the
 * rollup counters of the pushes' channel moved by exactly the number pushed, no phone number
 * stored unmasked, and how many sessions the run closed.
 */
import { DocumentStore } from '../../devcloud/store/document.store';
import { MARKER_PATTERN } from './ingest-load';

export interface StoreTally {
  /** Sum of `messages` over the mp-kf rollup buckets. */
  rollupMessages: number;
  closedSessions: number;
}

export interface Readback {
  stored: number;
  lost: number;
  duplicates: number;
  rollupMessages: number;
  unmaskedPhones: number;
  sessionsClosed: number;
}

const CHANNEL = 'mp-kf';

/** The counts the run's figures are taken against (before) or from (after). */
export function tally(file: string): StoreTally {
  const store = DocumentStore.open(file);
  try {
    const rollupMessages = store
      .find('rollups', { channel: CHANNEL })
      .reduce((s, r) => s + Number((r as { messages?: number }).messages ?? 0), 0);
    return { rollupMessages, closedSessions: store.count('sessions', { channel: CHANNEL, status: 'closed' }) };
  } finally {
    store.close();
  }
}

export function readBack(file: string, messages: number, before: StoreTally): Readback {
  const seen = new Uint32Array(messages);
  let stored = 0;
  let stray = 0;
  let unmaskedPhones = 0;
  const store = DocumentStore.open(file);
  try {
    for (const m of store.find('messages', { channel: CHANNEL })) {
      const text = String((m as { text?: unknown }).text ?? '');
      const found = MARKER_PATTERN.exec(text);
      if (!found) continue;
      stored++;
      const i = Number(found[1]);
      if (i < messages) seen[i]++;
      else stray++;
      if (/138\d{8}/.test(text)) unmaskedPhones++;
    }
  } finally {
    store.close();
  }
  let lost = 0;
  let duplicates = stray;
  for (const c of seen) {
    if (c === 0) lost++;
    else duplicates += c - 1;
  }
  const after = tally(file);
  return {
    stored,
    lost,
    duplicates,
    rollupMessages: after.rollupMessages - before.rollupMessages,
    unmaskedPhones,
    sessionsClosed: after.closedSessions - before.closedSessions,
  };
}

/** Collections of the generic ingest API (besides messages, sessions and deadLetters). */
export const EVENT_COLLECTIONS = {
  /** One record per rating, agent-op and call event: `ev_<source>_<id>`, the replay guard. */
  events: 'events',
  /** `{ _id: source, secret, enabled }`. */
  ingestSources: 'ingestSources',
} as const;

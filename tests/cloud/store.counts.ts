import type { DocumentStore } from '../../devcloud/store/document.store';

/** Documents per collection, every non-empty collection of the store: what a refused call must leave as it was. */
export function documentCounts(store: DocumentStore): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of store.listCollections()) {
    const n = store.count(c);
    if (n > 0) out[c] = n;
  }
  return out;
}

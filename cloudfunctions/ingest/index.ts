/**
 * `ingest`: the target of the mini-program's customer-service message push, of imports and
 * (through the common dispatcher) of every other channel. See common/ingest.dispatch.ts.
 */
import { ingestEvent } from '../common/ingest.dispatch';

export async function main(event: unknown) {
  return ingestEvent(event);
}

/**
 * `ingest`: every way input reaches the system.
 * - the mini-program's customer-service message push, and imports (common/ingest.dispatch.ts);
 * - the WeCom customer-service callback, which triggers a kf/sync_msg pull (common/wecom/);
 * - the signed ingest API, an HTTP-trigger event (common/events/events.http.ts).
 */
import { isWecomCallback } from '../core/ingest/wecom-kf.parse';
import { handleIngestHttp, isIngestHttpEvent } from '../common/events/events.http';
import { deadLetter, ingestEvent } from '../common/ingest.dispatch';
import { handleWecomCallback } from '../common/wecom/wecom.callback';
import { isDomainError } from '../core/errors';

export async function main(event: unknown) {
  if (isWecomCallback(event)) {
    try {
      const outcome = await handleWecomCallback(event);
      return outcome.kind === 'url-verified' ? outcome.echo : 'success';
    } catch (e) {
      if (!isDomainError(e)) throw e; // network or store failure: WeCom calls back again
      await deadLetter(event, e.message, e.code);
      return 'success';
    }
  }
  if (isIngestHttpEvent(event)) return handleIngestHttp(event);
  return ingestEvent(event);
}

/**
 * `ingest`: every way input reaches the system.
 * - the mini-program's customer-service message push, and imports (common/ingest.dispatch.ts);
 * - the WeCom customer-service callback, which triggers a kf/sync_msg pull (common/wecom/);
 * - the signed ingest API, an HTTP-trigger event (common/events/events.http.ts).
 * A mini-program client can call any function: who called is checked first, from the WeChat
 * context (core/ingest/caller.policy.ts), and a refused call writes nothing at all.
 */
import { isWecomCallback } from '../core/ingest/wecom-kf.parse';
import { ingestCallerRefusal } from '../core/ingest/caller.policy';
import { cloud } from '../common/cloud';
import { handleIngestHttp, isIngestHttpEvent } from '../common/events/events.http';
import { deadLetter } from '../common/events/events.deadletter';
import { ingestEvent } from '../common/ingest.dispatch';
import { handleWecomCallback } from '../common/wecom/wecom.callback';
import { isDomainError } from '../core/errors';

export async function main(event: unknown) {
  const refusal = ingestCallerRefusal(cloud.getWXContext(), event);
  if (refusal) return refusal;
  if (isWecomCallback(event)) {
    try {
      const outcome = await handleWecomCallback(event);
      return outcome.kind === 'url-verified' ? outcome.echo : 'success';
    } catch (e) {
      if (!isDomainError(e)) throw e; // network or store failure: WeCom calls back again
      await deadLetter({ raw: event, reason: e.message, code: e.code, origin: 'wecom-callback' });
      return 'success';
    }
  }
  if (isIngestHttpEvent(event)) return handleIngestHttp(event);
  return ingestEvent(event);
}

/**
 * `conversations/import`: an admin imports one finished conversation from the mini-program.
 * The only client door to importing (the `ingest` function refuses mini-program callers): the
 * router has checked the admin role; the record goes through the CLI's own parser, and the
 * import never touches a session it did not create (common/conversation.import.ts). Audited.
 */
import { z } from 'zod';
import { importConversationRecord } from '../../common/conversation.import';
import { audit } from '../../common/audit.log';
import { route } from '../router';

export const conversationsImport = route('conversations/import', {
  // The record is validated by parseConversationRecord, field by field, with Chinese reasons.
  params: z.object({ conversation: z.unknown() }),
  async handle({ user, now }, p) {
    const result = await importConversationRecord(p.conversation);
    await audit({
      at: now,
      by: user._id,
      entity: 'session',
      entityId: result.sessionId,
      action: result.outcome === 'stored' ? 'import' : 'import-duplicate',
      // An import creates its session or finds it already imported: nothing stood there before.
      before: null,
      after: { sessionId: result.sessionId, outcome: result.outcome },
    });
    return result;
  },
});

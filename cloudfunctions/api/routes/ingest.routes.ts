import { z } from 'zod';
import type { DeadLetter } from '../../core/model';
import { DomainError, ERROR_CODES, isDomainError } from '../../core/errors';
import { audit } from '../../common/audit.log';
import { byId, COLLECTIONS, countOf, database, rows } from '../../common/cloud';
import { applyIngest } from '../../common/ingest.dispatch';
import type { Route } from '../router';

export const deadLettersList: Route<'deadletters/list'> = {
  params: z.object({
    replayed: z.boolean().optional(),
    limit: z.number().int().min(1).max(100).default(20),
    skip: z.number().int().min(0).default(0),
  }),
  async handle(_ctx, p) {
    const where = p.replayed === undefined ? {} : { replayed: p.replayed };
    const coll = database().collection(COLLECTIONS.deadLetters);
    const [items, total] = await Promise.all([
      rows<DeadLetter>(
        coll
          .where(where)
          .orderBy('at', 'desc')
          .skip(p.skip ?? 0)
          .limit(p.limit ?? 20),
      ),
      countOf(coll.where(where)),
    ]);
    return { items, total };
  },
};

/**
 * Runs a dead letter through ingestion again (after a fix was deployed). What was kept is the
 * masked input, so a replayed message stores masked text: no raw value ever comes back.
 */
export const deadLettersReplay: Route<'deadletters/replay'> = {
  params: z.object({ id: z.string().min(1) }),
  async handle({ user, now }, p) {
    const coll = database().collection(COLLECTIONS.deadLetters);
    const letter = await byId<DeadLetter>(COLLECTIONS.deadLetters, p.id);
    if (!letter) throw new DomainError(ERROR_CODES.INPUT_INVALID, `死信不存在: ${p.id}`);
    let patch: Partial<DeadLetter>;
    try {
      await applyIngest(JSON.parse(letter.raw));
      patch = { replayed: true, replayedAt: now, replayError: '' };
    } catch (e) {
      if (!isDomainError(e) && !(e instanceof SyntaxError)) throw e;
      patch = { replayed: false, replayedAt: now, replayError: (e as Error).message };
    }
    await coll.doc(p.id).update({ data: patch });
    await audit({
      at: now,
      by: user._id,
      entity: 'deadLetter',
      entityId: p.id,
      action: 'replay',
      before: { replayed: letter.replayed, replayError: letter.replayError ?? null },
      after: { replayed: patch.replayed, replayError: patch.replayError || null },
    });
    return { deadLetter: { ...letter, ...patch } };
  },
};

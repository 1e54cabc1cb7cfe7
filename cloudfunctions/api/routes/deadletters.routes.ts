/**
 * The admins' dead letters: input that could not be ingested, kept masked (common/events/
 * events.deadletter.ts). The list shows letters without their `raw` input (a preview only), so
 * a page of them stays far under the database's 1 MB result limit; `get` returns one whole.
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES, isDomainError } from '../../core/errors';
import type { DeadLetter } from '../../core/model';
import { audit } from '../../common/audit.log';
import { getDeadLetter, listDeadLetters, updateDeadLetter } from '../../common/dead-letters.repository';
import { replayLetter } from '../../common/admin/dead-letter.replay';
import { maskFreeText } from '../../core/privacy/pii.mask';
import { route } from '../router';
import { paging } from './paging';

async function letterOf(id: string): Promise<DeadLetter> {
  const letter = await getDeadLetter(id);
  if (!letter) throw new DomainError(ERROR_CODES.INPUT_INVALID, `死信不存在: ${id}`);
  return letter;
}

export const deadLettersList = route('deadletters/list', {
  params: z.object({ replayed: z.boolean().optional(), discarded: z.boolean().optional(), ...paging }),
  async handle(_ctx, p) {
    return listDeadLetters({ replayed: p.replayed, discarded: p.discarded }, p.limit, p.skip);
  },
});

export const deadLettersGet = route('deadletters/get', {
  params: z.object({ id: z.string().min(1) }),
  async handle(_ctx, p) {
    return { deadLetter: await letterOf(p.id) };
  },
});

/**
 * Runs a dead letter through ingestion again (after a fix was deployed), by the path it came
 * (common/admin/dead-letter.replay.ts); idempotent. What was kept is the masked input, so a
 * replayed message stores masked text: no raw value ever comes back. A discarded letter is not
 * replayed (DEADLETTER.DISCARDED).
 */
export const deadLettersReplay = route('deadletters/replay', {
  params: z.object({ id: z.string().min(1) }),
  async handle({ user, now }, p) {
    const letter = await letterOf(p.id);
    if (letter.discarded) throw new DomainError(ERROR_CODES.DEADLETTER_DISCARDED, '该死信已被丢弃，不能重放');
    let patch: Partial<DeadLetter>;
    try {
      await replayLetter(letter);
      patch = { replayed: true, replayedAt: now, replayError: '' };
    } catch (e) {
      if (!isDomainError(e) && !(e instanceof SyntaxError)) throw e;
      patch = { replayed: false, replayedAt: now, replayError: (e as Error).message };
    }
    await updateDeadLetter(p.id, patch);
    // `before` as stored; `after` says null, not an empty replayError, for a success.
    const before = { replayed: letter.replayed, replayError: letter.replayError ?? null };
    const after = { replayed: patch.replayed, replayError: patch.replayError || null };
    await audit({ at: now, by: user._id, entity: 'deadLetter', entityId: p.id, action: 'replay', before, after });
    return { deadLetter: { ...letter, ...patch } };
  },
});

/** Gives up on a letter with a note (masked like any typed text); it stays listed as discarded. */
export const deadLettersDiscard = route('deadletters/discard', {
  params: z.object({ id: z.string().min(1), note: z.string().trim().min(1, '请说明丢弃原因').max(500) }).strict(),
  async handle({ user, now }, p) {
    const letter = await letterOf(p.id);
    if (letter.discarded) throw new DomainError(ERROR_CODES.DEADLETTER_DISCARDED, '该死信已被丢弃');
    const patch = { discarded: true, discardedAt: now, discardedBy: user._id, discardNote: maskFreeText(p.note) };
    await updateDeadLetter(p.id, patch);
    await audit({
      at: now,
      by: user._id,
      entity: 'deadLetter',
      entityId: p.id,
      action: 'discard',
      before: { discarded: false },
      after: { discarded: true, discardNote: patch.discardNote },
    });
    return { deadLetter: { ...letter, ...patch } };
  },
});

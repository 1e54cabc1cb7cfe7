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
import { applyIngest } from '../../common/ingest.dispatch';
import { route } from '../router';
import { paging } from './paging';

async function letterOf(id: string): Promise<DeadLetter> {
  const letter = await getDeadLetter(id);
  if (!letter) throw new DomainError(ERROR_CODES.INPUT_INVALID, `死信不存在: ${id}`);
  return letter;
}

export const deadLettersList = route('deadletters/list', {
  params: z.object({ replayed: z.boolean().optional(), ...paging }),
  async handle(_ctx, p) {
    return listDeadLetters({ replayed: p.replayed }, p.limit, p.skip);
  },
});

export const deadLettersGet = route('deadletters/get', {
  params: z.object({ id: z.string().min(1) }),
  async handle(_ctx, p) {
    return { deadLetter: await letterOf(p.id) };
  },
});

/**
 * Runs a dead letter through ingestion again (after a fix was deployed). What was kept is the
 * masked input, so a replayed message stores masked text: no raw value ever comes back.
 */
export const deadLettersReplay = route('deadletters/replay', {
  params: z.object({ id: z.string().min(1) }),
  async handle({ user, now }, p) {
    const letter = await letterOf(p.id);
    let patch: Partial<DeadLetter>;
    try {
      await applyIngest(JSON.parse(letter.raw));
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

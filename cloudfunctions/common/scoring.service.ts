/**
 * Which scoring the cloud applies to a closed session. Today: the placeholder rules of the
 * walking skeleton; the scoring engine replaces the body of `scoreConversation` only.
 */
import type { Conversation, ScoreResult } from '../core/model';
import { placeholderScore } from '../core/placeholder.scoring';

export function scoreConversation(conv: Conversation): ScoreResult {
  return placeholderScore(conv);
}

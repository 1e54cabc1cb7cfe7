/**
 * What `npm run bench` measures, in one module so that the bench can compile it exactly as the
 * cloud functions are compiled (one esbuild bundle, FUNCTION_BUNDLE_OPTIONS): the engine as it
 * runs when a session closes, and the floor it is compared with, compiled alike. The historical
 * keys measure scorecard version 1 (comparable across sessions); `v2WithActs` measures version 2
 * as it shipped, `v3WithActs` version 3 as it shipped, `v4WithActs` version 4 as it shipped,
 * `v5WithActs` version 5 as it shipped, `v6WithActs`, `v7WithActs` and `v8WithActs` versions 6, 7
 * and 8 as they shipped and `v9WithActs` the default in force, version 9, each with the text models
 * it names. The list of shipped versions is exported too:
 * bench-compare.ts finds any `--scorecard` version in it.
 */
import type { Conversation } from '../../cloudfunctions/core/model';

export { DEFAULT_SCORECARD_V1 } from '../../cloudfunctions/core/scoring/default.scorecard';
export { DEFAULT_SCORECARD_V2 } from '../../cloudfunctions/core/scoring/default.scorecard.v2';
export { DEFAULT_SCORECARD_V3 } from '../../cloudfunctions/core/scoring/default.scorecard.v3';
export { DEFAULT_SCORECARD_V4 } from '../../cloudfunctions/core/scoring/default.scorecard.v4';
export { DEFAULT_SCORECARD_V5 } from '../../cloudfunctions/core/scoring/default.scorecard.v5';
export { DEFAULT_SCORECARD_V6 } from '../../cloudfunctions/core/scoring/default.scorecard.v6';
export { DEFAULT_SCORECARD_V7 } from '../../cloudfunctions/core/scoring/default.scorecard.v7';
export { DEFAULT_SCORECARD_V8 } from '../../cloudfunctions/core/scoring/default.scorecard.v8';
export { DEFAULT_SCORECARD_V9 } from '../../cloudfunctions/core/scoring/default.scorecard.v9';
// From the scoring package, not a version's file: the list moves to each new version's file.
export { SHIPPED_DEFAULT_SCORECARDS } from '../../cloudfunctions/core/scoring';
export { classifyActs } from '../../cloudfunctions/core/text/dialogue-act.model';
export { judgeRedLines } from '../../cloudfunctions/core/text/red-line.model';
export { compileScorecard, scoreConversation } from '../../cloudfunctions/core/scoring/scoring.engine';
export { analyzeSentiment } from '../../cloudfunctions/core/text/sentiment.model';
export { generateBenchConversations } from './bench.conversations';

/** The floor: read every character of every message once. */
export function plainPass(convs: readonly Conversation[]): number {
  let h = 0;
  for (const c of convs) {
    for (const m of c.messages) {
      const t = m.text;
      for (let i = 0; i < t.length; i++) h = (h * 31 + t.charCodeAt(i)) | 0;
    }
  }
  return h;
}

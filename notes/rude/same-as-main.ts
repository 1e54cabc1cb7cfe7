/**
 * Research aid: main's red-lines.training.ts (copied to main-training.ts) and this branch's, default
 * recipe, on today's data: the same model file? `npx tsx notes/rude/same-as-main.ts`
 */
import { join } from 'node:path';
import * as mine from '../../scripts/text/red-lines.training';
import * as main from './main-training';
import { REPO_ROOT } from '../../scripts/text/paths';

const corpus = join(REPO_ROOT, 'scripts', 'eval', 'corpus');
const a = JSON.stringify(mine.trainRedLineModel(mine.redLineTrainingCases(corpus), {}, mine.trainedOnLabel(corpus)));
const b = JSON.stringify(main.trainRedLineModel(main.redLineTrainingCases(corpus), {}, main.trainedOnLabel(corpus)));
console.log(a === b ? `identical (${a.length} chars)` : 'DIFFERENT');

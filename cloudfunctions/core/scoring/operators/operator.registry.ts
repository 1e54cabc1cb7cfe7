import type { OperatorDefinition } from './operator.types';
import { keywordsOperator } from './keywords.operator';
import { regexOperator } from './regex.operator';
import {
  firstResponseOperator,
  longestSilenceOperator,
  replyDelayOperator,
  sessionLengthOperator,
} from './timing.operator';
import { orderOperator } from './order.operator';
import { sentimentOperator } from './sentiment.operator';
import { similarityOperator } from './similarity.operator';
import { piiOperator } from './pii.operator';
import { metadataOperator } from './metadata.operator';
import { repeatContactOperator } from './repeat-contact.operator';
import { phrasesOperator } from './phrases.operator';
import { actOperator } from './act.operator';
import { unsoothedOperator } from './unsoothed.operator';
import { openingOperator } from './opening.operator';
import { closingOperator } from './closing.operator';
import { promiseOperator } from './promise.operator';
import { redLineOperator } from './red-line.operator';

/**
 * Every condition leaf names one of these. A scorecard is validated against this table (unknown
 * operator, bad parameters), so adding an operator is adding one entry.
 */
export type OperatorRegistry = ReadonlyMap<string, OperatorDefinition<unknown, unknown>>;

export function createRegistry(defs: readonly OperatorDefinition<never, never>[]): OperatorRegistry {
  const map = new Map<string, OperatorDefinition<unknown, unknown>>();
  for (const d of defs) {
    if (map.has(d.name)) throw new Error(`duplicate operator ${d.name}`);
    map.set(d.name, d as unknown as OperatorDefinition<unknown, unknown>);
  }
  return map;
}

export const DEFAULT_OPERATORS: OperatorRegistry = createRegistry([
  keywordsOperator,
  regexOperator,
  firstResponseOperator,
  replyDelayOperator,
  longestSilenceOperator,
  sessionLengthOperator,
  orderOperator,
  sentimentOperator,
  similarityOperator,
  piiOperator,
  metadataOperator,
  repeatContactOperator,
  phrasesOperator,
  actOperator,
  unsoothedOperator,
  openingOperator,
  closingOperator,
  promiseOperator,
  redLineOperator,
] as unknown as OperatorDefinition<never, never>[]);

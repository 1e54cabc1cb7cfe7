import { agentNames } from '../services/agents';
import { useRemote } from './use-remote';

const NONE: Record<string, string> = {};

/** agentId → name for lists; empty until loaded (or when the caller may not see the directory). */
export function useAgentNames(enabled = true): Record<string, string> {
  const names = useRemote(enabled ? agentNames : null, [enabled]);
  // Names are a nicety: on a failure ids are shown instead, and no error.
  return names.data ?? NONE;
}

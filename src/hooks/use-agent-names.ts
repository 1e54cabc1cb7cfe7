import { useEffect, useState } from 'react';
import { agentNames } from '../services/agents';

/** agentId → name for lists; empty until loaded (or when the caller may not see the directory). */
export function useAgentNames(enabled = true): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    agentNames().then(
      (n) => alive && setNames(n),
      () => {
        /* names are a nicety: ids are shown instead */
      },
    );
    return () => {
      alive = false;
    };
  }, [enabled]);
  return names;
}

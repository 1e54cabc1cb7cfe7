/** A conversation record in the CLI's JSONL format (the import's input): a question of the customer, kf001's answer. */
type Line = { at: number | string; text: string };

export function importRecord(
  id: string,
  customerId: string,
  [question, answer]: [Line, Line],
  over: Record<string, unknown> = {},
) {
  const messages = [
    { role: 'customer', ...question },
    { role: 'agent', ...answer },
  ];
  return { id, channel: 'import', customerId, agentId: 'kf001', messages, ...over };
}

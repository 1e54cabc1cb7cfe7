/**
 * Free text a signed-in person types (alert notes, notices, policy word lists, audit notes) is
 * masked before it is stored, like messages: a supervisor pasting a customer's phone number
 * into a note must not put it in the database. One place, so every route masks the same way.
 */
import type { Role } from '../core/model';
import { maskPii } from '../core/privacy/pii.mask';

export function maskTypedText(text: string, role: Role): string {
  return maskPii(text, role === 'agent' ? 'agent' : 'supervisor').text;
}

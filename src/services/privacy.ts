/** Personal-data duties (issue 17): retention of message texts and data-subject requests (admins). */
import type { ActionResult } from '@core/api.contract';
import { call } from './api';

export function getRetention(): Promise<ActionResult<'retention/get'>> {
  return call('retention/get', {});
}

export function setRetention(messageDays: number): Promise<ActionResult<'retention/set'>> {
  return call('retention/set', { messageDays });
}

export function exportCustomer(customerId: string, skip = 0): Promise<ActionResult<'customers/export'>> {
  return call('customers/export', { customerId, skip });
}

export function eraseCustomer(customerId: string): Promise<ActionResult<'customers/erase'>> {
  return call('customers/erase', { customerId, confirm: true });
}

/**
 * General settings (issue 14): the appeal window (`settings/appeals`, read by
 * appeals.service.ts `appealPolicy`) and the sampling defaults a new plan starts from
 * (`settings/sampling`), and the reports' first-contact-resolution window (`settings/reports`,
 * read by report.rollups.ts `fcrHours`). Missing documents mean the shipped defaults.
 */
import { DEFAULT_GENERAL_SETTINGS, type GeneralSettings } from '../../core/admin/admin.model';
import { audit } from '../audit.log';
import { byId, COLLECTIONS, database } from '../cloud';
import { forgetFcrHours } from '../report.rollups';

function merged<T extends object>(defaults: T, doc: Partial<T> | null): T {
  const out = { ...defaults };
  for (const k of Object.keys(defaults) as (keyof T)[]) {
    const v = doc?.[k];
    if (typeof v === typeof defaults[k] && v !== undefined) out[k] = v as T[keyof T];
  }
  return out;
}

export async function getSettings(): Promise<GeneralSettings> {
  const [appeals, sampling, reports] = await Promise.all([
    byId<GeneralSettings['appeals']>(COLLECTIONS.settings, 'appeals'),
    byId<GeneralSettings['sampling']>(COLLECTIONS.settings, 'sampling'),
    byId<GeneralSettings['reports']>(COLLECTIONS.settings, 'reports'),
  ]);
  return {
    appeals: merged(DEFAULT_GENERAL_SETTINGS.appeals, appeals),
    sampling: merged(DEFAULT_GENERAL_SETTINGS.sampling, sampling),
    reports: merged(DEFAULT_GENERAL_SETTINGS.reports, reports),
  };
}

export async function setSettings(
  patch: {
    appeals?: Partial<GeneralSettings['appeals']>;
    sampling?: Partial<GeneralSettings['sampling']>;
    reports?: Partial<GeneralSettings['reports']>;
  },
  by: string,
  now: number,
): Promise<GeneralSettings> {
  const before = await getSettings();
  const after: GeneralSettings = {
    appeals: { ...before.appeals, ...patch.appeals },
    sampling: { ...before.sampling, ...patch.sampling },
    reports: { ...before.reports, ...patch.reports },
  };
  for (const area of ['appeals', 'sampling', 'reports'] as const) {
    if (patch[area]) await database().collection(COLLECTIONS.settings).doc(area).set({ data: after[area] });
  }
  if (patch.reports) forgetFcrHours();
  await audit({
    at: now,
    by,
    entity: 'settings',
    entityId: 'general',
    action: 'set',
    before: { ...before },
    after: { ...after },
  });
  return after;
}

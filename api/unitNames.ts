import type { Label } from '../contract';

/**
 * Names of the demo data's unit codes, served in GET /api/meta/vocabulary. The engine knows units
 * only by code until the unit directory (单位库) exists; an unknown code is shown as it is.
 */
export const UNIT_NAMES: Record<string, Label> = {
  'city.org-dept': { zh: '市委组织部', en: 'City org. dept.' },
  'city.united-front': { zh: '市委统战部', en: 'City united front dept.' },
  'city.dev-reform': { zh: '市发改委', en: 'City development & reform comm.' },
  'county.a.town-b': { zh: 'A县B镇', en: 'Town B, County A' },
  'county.c.org-dept': { zh: 'C县委组织部', en: 'County C org. dept.' },
  'county.c.united-front': { zh: 'C县委统战部', en: 'County C united front dept.' },
  'county.c.finance': { zh: 'C县财政局', en: 'County C finance bureau' },
  'county.c.town-d': { zh: 'C县D镇', en: 'Town D, County C' },
};

import type { EventType } from '../events';
import type { SpecMap } from '../spec';
import { adminSpecs } from './admin';
import { finalSpecs } from './final';
import { nominationSpecs } from './nomination';
import { postingSpecs } from './posting';
import { serviceSpecs } from './service';

/** One spec per event type; the type check makes a missing one a compile error. */
export const SPECS: SpecMap<EventType> = {
  ...nominationSpecs,
  ...postingSpecs,
  ...serviceSpecs,
  ...finalSpecs,
  ...adminSpecs,
};

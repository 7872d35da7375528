import { adminActions } from './admin';
import { finalActions } from './final';
import { nominationActions } from './nomination';
import { postingActions } from './posting';
import { serviceActions } from './service';
import type { Action } from './types';

/** Every named action of the chart. */
export const ACTIONS = {
  ...nominationActions,
  ...postingActions,
  ...serviceActions,
  ...finalActions,
  ...adminActions,
} satisfies Record<string, Action>;
export type ActionName = keyof typeof ACTIONS;

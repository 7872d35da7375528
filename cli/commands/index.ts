import type { Command } from '../command';
import { auditExport, auditPublicKey, auditVerify } from './audit';
import { login, logout, whoami } from './auth';
import { bulk } from './bulk';
import { documentsGet, documentsList, feedCreate, feedRevoke } from './documents';
import { calendarList, calendarLoad, calendarReplan } from './calendar';
import { intervene } from './intervene';
import { proposalsApprove, proposalsList, proposalsReject } from './proposals';
import { list } from './list';
import { migrate } from './migrate';
import { nominate } from './nominate';
import { send } from './send';
import { show } from './show';
import { usersCreate, usersDisable, usersList } from './users';
import { personsAdd, personsList, personsShow, search, unitsAdd, unitsList, unitsShow } from './registry';
import {
  roundsAllocate,
  roundsApplications,
  roundsApply,
  roundsAssign,
  roundsBoard,
  roundsCreate,
  roundsDecide,
  roundsLaunch,
  roundsList,
  roundsRecommend,
  roundsRecommendations,
  roundsReject,
  roundsShow,
  roundsStats,
} from './rounds';

export const COMMANDS: Command[] = [
  login,
  logout,
  whoami,
  nominate,
  list,
  show,
  send,
  intervene,
  proposalsList,
  proposalsApprove,
  proposalsReject,
  bulk,
  migrate,
  calendarList,
  calendarLoad,
  calendarReplan,
  auditVerify,
  auditExport,
  auditPublicKey,
  documentsGet,
  documentsList,
  feedCreate,
  feedRevoke,
  usersCreate,
  usersList,
  usersDisable,
  unitsList,
  unitsShow,
  unitsAdd,
  personsList,
  personsShow,
  personsAdd,
  search,
  roundsList,
  roundsCreate,
  roundsShow,
  roundsApply,
  roundsApplications,
  roundsRecommend,
  roundsRecommendations,
  roundsBoard,
  roundsAllocate,
  roundsAssign,
  roundsReject,
  roundsDecide,
  roundsLaunch,
  roundsStats,
];

/** First words that need a second one (`audit verify`, `users create`). */
export const GROUPS: ReadonlySet<string> = new Set(
  COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0] ?? ''),
);

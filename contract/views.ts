// The answers and request bodies of the round, registry and directory routes as types (z.infer of
// the contract's schemas) for the console and the CLI, which import types only from the contract.
import type { z } from 'zod';
import type { nominationBodySchema } from './cases';
import type { myNotificationsSchema } from './notifications';
import type { personPageSchema, searchAnswerSchema, poolEntryBodySchema } from './persons';
import type {
  applicationListSchema,
  boardSchema,
  launchPreviewSchema,
  recommendationBodySchema,
  recommendationListSchema,
  roundDetailSchema,
  roundListSchema,
  allocationBodySchema,
  assignmentBodySchema,
} from './rounds';
import type { seminarListSchema, seminarSchema, newSeminarSchema } from './seminars';
import type { unitDetailSchema, unitPageSchema, newUnitSchema, unitPatchSchema } from './units';

export type RoundList = z.infer<typeof roundListSchema>;
export type RoundInfo = RoundList['items'][number];
export type RoundDetail = z.infer<typeof roundDetailSchema>;
export type ApplicationList = z.infer<typeof applicationListSchema>;
export type RecommendationList = z.infer<typeof recommendationListSchema>;
export type RecommendationRow = RecommendationList['items'][number];
export type BoardUnit = z.infer<typeof boardSchema>['units'][number];
export type LaunchPreview = z.infer<typeof launchPreviewSchema>;
export type SeminarList = z.infer<typeof seminarListSchema>;
export type SeminarInfo = z.infer<typeof seminarSchema>;
export type UnitPage = z.infer<typeof unitPageSchema>;
export type UnitDetail = z.infer<typeof unitDetailSchema>;
export type PersonPage = z.infer<typeof personPageSchema>;
export type PersonRow = PersonPage['items'][number];
export type SearchAnswer = z.infer<typeof searchAnswerSchema>;
export type MyNotifications = z.infer<typeof myNotificationsSchema>;

// Request bodies the console sends (input types: defaults may be left out).
export type NominationRequest = z.input<typeof nominationBodySchema>;
export type RecommendationRequest = z.input<typeof recommendationBodySchema>;
export type AllocationRequest = z.input<typeof allocationBodySchema>;
export type AssignmentRequest = z.input<typeof assignmentBodySchema>;
export type NewUnitRequest = z.input<typeof newUnitSchema>;
export type UnitPatchRequest = z.input<typeof unitPatchSchema>;
export type NewSeminarRequest = z.input<typeof newSeminarSchema>;
export type PoolEntryRequest = z.input<typeof poolEntryBodySchema>;

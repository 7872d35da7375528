// The lifecycle machine as the rest of the engine sees it: the current version (2) and, for cases
// not migrated yet, version 1 (frozen) behind the version-aware readers of reading.ts.
export * from './v2';
export { STATUS_NODE as STATUS_STATE } from './v2';
export * as v1 from './v1';
export {
  restore,
  persist,
  readout,
  allowedEventsOf,
  mayMigrate,
  MIGRATE_EVENT,
  migrateLabel,
  checkEventOf,
  stepOf,
  previewStepOf,
  type NotificationPlan,
  type AnySnapshot,
  type AnyPersisted,
} from './reading';

// The lifecycle machine as the rest of the engine sees it: the current version's API.
export * from './v1';
export { unitCodeSchema } from './v1/roles';
export { isoDateSchema, isoDateTimeSchema } from './v1/time';

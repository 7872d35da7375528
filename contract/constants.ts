// Numbers and names the API, the CLI, the console and the workflow must agree on. No imports: the
// console bundles this file as it is.

/** How many audit entries a workflow carries over continue-as-new and a tail read returns. */
export const AUDIT_TAIL = 50;

/** Interventions aimed at one open duty of a case (they carry a `dutyId`). */
export const DUTY_TARGETED = ['admin.deadline.extend', 'admin.duty.waive', 'admin.duty.reassign'] as const;
export const isDutyTargeted = (type: string): boolean => (DUTY_TARGETED as readonly string[]).includes(type);

/** At most this many cases in one bulk intervention. */
export const BULK_MAX = 200;

/** At most this many rows in one page of the case list. */
export const CASE_PAGE_MAX = 500;

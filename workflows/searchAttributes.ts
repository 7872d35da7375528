import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of a secondment workflow. They carry codes and flags only, never
 * personal data (names, ID-card numbers), because Temporal's visibility store is searchable
 * by anyone with namespace access.
 */
export const SA = {
  status: defineSearchAttributeKey('SecondmentStatus', SearchAttributeType.KEYWORD),
  kind: defineSearchAttributeKey('SecondmentKind', SearchAttributeType.KEYWORD),
  sendingUnit: defineSearchAttributeKey('SendingUnit', SearchAttributeType.KEYWORD),
  receivingUnit: defineSearchAttributeKey('ReceivingUnit', SearchAttributeType.KEYWORD),
  nextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL),
  stuck: defineSearchAttributeKey('Stuck', SearchAttributeType.BOOL),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SA);

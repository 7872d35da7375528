import { z } from 'zod';
import {
  eventsAnswerSchema,
  genderLabels,
  migrateBodySchema,
  partyStatusLabels,
  recommendationStatusLabels,
  SYSTEM_EVENTS,
  unitLevelLabels,
  unitTypeLabels,
  vocabularySchema,
} from '../../contract';
import { roundStatusLabels } from '../../machines/round';
import {
  categoryLabels,
  eventLabels,
  eventPayloadSchemas,
  gradeLabels,
  MIGRATE_EVENT,
  migrateLabel,
  kindLabels,
  ladderStepLabels,
  personnelFileKindLabels,
  programmeLabels,
  rankLabels,
  roleLabels,
  statusLabels,
  STATUS_STATE,
  TERMINAL_STATUSES,
  type EventType,
} from '../../machines/secondment';
import { callerOf } from '../auth/plugin';
import type { ApiContext } from '../context';
import { ERROR_RESPONSES } from '../errors';
import { allUnitNames } from '../../store';
import type { ZodApp } from './types';

const SOURCE_LABELS = {
  self: { zh: '个人自荐', en: 'self-recommendation' },
  mass: { zh: '群众推荐', en: 'mass recommendation' },
  organization: { zh: '组织推荐', en: 'organization recommendation' },
  competitive: { zh: '竞争性选拔', en: 'competitive selection' },
};

export function metaRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/meta/events',
    {
      schema: {
        tags: ['meta'],
        summary: 'Every event type with its label and payload JSON schema (for building forms)',
        response: { 200: eventsAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    (request) => {
      callerOf(request);
      const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
      return {
        events: [
          ...(Object.keys(eventPayloadSchemas) as EventType[])
            .filter((t) => !SYSTEM_EVENTS.includes(t))
            .map((type) => ({
              type,
              label: eventLabels[type],
              intervention: type.startsWith('admin.'),
              schema: schemaOf(eventPayloadSchemas[type] as unknown as z.ZodType),
            })),
          // not an event of the machine: the workflow carries a v1 case into a v2 run
          {
            type: MIGRATE_EVENT,
            label: migrateLabel,
            intervention: true,
            schema: schemaOf(migrateBodySchema),
          },
        ],
      };
    },
  );

  r.get(
    '/api/meta/vocabulary',
    {
      schema: {
        tags: ['meta'],
        summary:
          'Names (zh/en) of statuses, kinds, roles, ranks, grades, programmes, categories, escalation steps, personnel-file kinds, unit types and units (from the unit directory); status → statechart state',
        response: { 200: vocabularySchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      callerOf(request);
      // The machine's tables as they are, so the console never keeps its own copy of them.
      void reply.header('cache-control', 'private, max-age=300');
      return {
        statuses: statusLabels,
        kinds: kindLabels,
        roles: roleLabels,
        ranks: rankLabels,
        grades: gradeLabels,
        programmes: programmeLabels,
        categories: categoryLabels,
        escalationSteps: ladderStepLabels,
        personnelFileKinds: personnelFileKindLabels,
        units: await allUnitNames(ctx.db),
        unitTypes: unitTypeLabels,
        unitLevels: unitLevelLabels,
        genders: genderLabels,
        partyStatuses: partyStatusLabels,
        roundStatuses: roundStatusLabels,
        recommendationStatuses: recommendationStatusLabels,
        sources: SOURCE_LABELS,
        statusState: STATUS_STATE,
        terminalStatuses: [...TERMINAL_STATUSES],
      };
    },
  );
}

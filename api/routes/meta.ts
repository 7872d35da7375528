import { z } from 'zod';
import { eventsAnswerSchema, migrateBodySchema, SYSTEM_EVENTS, vocabularySchema } from '../../contract';
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
import { UNIT_NAMES } from '../unitNames';
import type { ZodApp } from './types';

export function metaRoutes(r: ZodApp, _ctx: ApiContext): void {
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
          'Names (zh/en) of statuses, kinds, roles, ranks, grades, programmes, categories, escalation steps, personnel-file kinds and units; status → statechart state',
        response: { 200: vocabularySchema, ...ERROR_RESPONSES },
      },
    },
    (request, reply) => {
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
        units: UNIT_NAMES,
        statusState: STATUS_STATE,
        terminalStatuses: [...TERMINAL_STATUSES],
      };
    },
  );
}

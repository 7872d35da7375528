import {
  gradeBodySchema,
  newPersonId,
  newPersonSchema,
  personAnswerSchema,
  personDetailSchema,
  personIdParamSchema,
  personPageSchema,
  personPatchSchema,
  personQuerySchema,
  poolAnswerSchema,
  poolEntryBodySchema,
  searchAnswerSchema,
  searchQuerySchema,
  type Person,
} from '../../contract';

import {
  addToPool,
  codesInJurisdiction,
  getUnit,
  insertPerson,
  listCasesInScope,
  listPersonsInScope,
  personInScope,
  poolEntryOf,
  removeFromPool,
  setGrade,
  updatePerson,
} from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, notFound } from '../errors';
import { assertOrgAdmin } from '../scope';
import { personPage } from '../personPage';
import type { ZodApp } from './types';

/*
 * The cadre registry (干部库) and the reserve pool (拟选派干部数据库). Everyone reads the persons of
 * their scope (the same rule as cases: by current unit, or through a case of theirs); org admins
 * enter and change the persons of their jurisdiction. A person outside the caller's scope is
 * "not found", exactly as a case.
 */

async function assertUnitInJurisdiction(ctx: ApiContext, admin: ApiUser, code: string, field: string) {
  if (!(await getUnit(ctx.db, code)))
    throw new ApiError('INVALID_INPUT', `单位库中没有 ${code} / no unit ${code}`, { field });
  if (!(await codesInJurisdiction(ctx.db, admin.units, [code])).has(code))
    throw new ApiError('FORBIDDEN', `${code}不在本辖区内 / ${code} is outside your jurisdiction`, { field });
}

async function managed(ctx: ApiContext, admin: ApiUser, id: string): Promise<Person> {
  assertOrgAdmin(admin, '维护干部库 / maintain the cadre registry');
  const person = await personInScope(ctx.db, admin, id);
  if (!person) throw notFound('person');
  return person;
}

export function personRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/persons',
    {
      schema: {
        tags: ['persons'],
        summary:
          'Persons of the cadre registry in your scope: by name (part of it), unit, category, party, pool',
        querystring: personQuerySchema,
        response: { 200: personPageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listPersonsInScope(ctx.db, callerOf(request), q);
      return { ...page, limit: q.limit, offset: q.offset };
    },
  );

  r.get(
    '/api/persons/:id',
    {
      schema: {
        tags: ['persons'],
        summary:
          "A person's page: the record, annual grades, every secondment across years, personnel-file entries, seminars, the reserve pool",
        params: personIdParamSchema,
        response: { 200: personDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const person = await personInScope(ctx.db, user, request.params.id);
      if (!person) throw notFound('person');
      return personPage(ctx.db, user, person);
    },
  );

  r.post(
    '/api/persons',
    {
      schema: {
        tags: ['persons'],
        summary:
          'Enter a person into the registry (org admins; current unit in your jurisdiction); the id is random',
        security: [{ session: [], csrf: [] }],
        body: newPersonSchema,
        response: { 201: personAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const admin = callerOf(request);
      assertOrgAdmin(admin, '维护干部库 / maintain the cadre registry');
      await assertUnitInJurisdiction(ctx, admin, request.body.currentUnit, 'body.currentUnit');
      const person = await insertPerson(ctx.db, newPersonId(), request.body, admin.username);
      request.log.info({ user: admin.username, person: person.id }, 'person entered');
      return reply.code(201).send({ person });
    },
  );

  r.post(
    '/api/persons/:id',
    {
      schema: {
        tags: ['persons'],
        summary: 'Change a person of your jurisdiction (org admins)',
        security: [{ session: [], csrf: [] }],
        params: personIdParamSchema,
        body: personPatchSchema,
        response: { 200: personAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const admin = callerOf(request);
      await managed(ctx, admin, request.params.id);
      const patch = request.body;
      if (patch.currentUnit)
        await assertUnitInJurisdiction(ctx, admin, patch.currentUnit, 'body.currentUnit');
      const person = await updatePerson(ctx.db, request.params.id, patch);
      if (!person) throw notFound('person');
      return { person };
    },
  );

  r.post(
    '/api/persons/:id/grades',
    {
      schema: {
        tags: ['persons'],
        summary: 'Record a year’s annual grade (年度考核等次) of a person of your jurisdiction (org admins)',
        security: [{ session: [], csrf: [] }],
        params: personIdParamSchema,
        body: gradeBodySchema,
        response: { 200: personDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const admin = callerOf(request);
      const person = await managed(ctx, admin, request.params.id);
      await setGrade(ctx.db, person.id, request.body.year, request.body.grade);
      return personPage(ctx.db, admin, person);
    },
  );

  r.post(
    '/api/reserve-pool',
    {
      schema: {
        tags: ['persons'],
        summary: 'Enter a person of your jurisdiction into the reserve pool (拟选派干部数据库; org admins)',
        security: [{ session: [], csrf: [] }],
        body: poolEntryBodySchema,
        response: { 200: poolAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const admin = callerOf(request);
      const person = await managed(ctx, admin, request.body.personId);
      const entry = await addToPool(ctx.db, {
        personId: person.id,
        enteredOn: request.body.enteredOn,
        source: request.body.source,
        note: request.body.note,
        addedBy: admin.username,
      });
      return { entry };
    },
  );

  r.post(
    '/api/reserve-pool/:id/remove',
    {
      schema: {
        tags: ['persons'],
        summary: 'Take a person out of the reserve pool (org admins)',
        security: [{ session: [], csrf: [] }],
        params: personIdParamSchema,
        response: { 200: poolAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const admin = callerOf(request);
      const person = await managed(ctx, admin, request.params.id);
      if (!(await removeFromPool(ctx.db, person.id))) throw notFound('pool entry');
      const entry = await poolEntryOf(ctx.db, person.id);
      if (!entry) throw notFound('pool entry');
      return { entry };
    },
  );

  r.get(
    '/api/search',
    {
      schema: {
        tags: ['persons'],
        summary: 'Search by name: persons of the registry and cases by their cadre’s name, in your scope',
        querystring: searchQuerySchema,
        response: { 200: searchAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const { q, limit } = request.query;
      const [persons, cases] = await Promise.all([
        listPersonsInScope(ctx.db, user, { q, limit, offset: 0 }),
        listCasesInScope(ctx.db, user, {
          q,
          limit,
          offset: 0,
          sort: 'updatedAt',
          order: 'desc',
        }),
      ]);
      return {
        persons: persons.items.map((p) => ({
          id: p.id,
          name: p.name,
          currentUnit: p.currentUnit,
          currentUnitName: p.currentUnitName,
          currentPost: p.currentPost,
        })),
        cases: cases.items.map((c) => ({
          caseId: c.caseId,
          cadreName: c.cadre?.name ?? '—',
          year: c.year,
          status: c.status,
          kind: c.kind,
          receivingUnitName: c.receivingUnitName,
        })),
      };
    },
  );
}

/** The status label of a stored status code (an unknown code names itself). */

import { yearAllocationBodySchema, yearAllocationListSchema, yearQuerySchema } from '../../contract';
import { codesInJurisdiction, getUnit, setAllocation, unitNames, yearAllocations } from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES } from '../errors';
import { assertOrgAdmin } from '../scope';
import type { ZodApp } from './types';

/*
 * A year's allocations (名额) for the cases outside any round: the quota the case workflow's
 * approval reads for (year, receiving unit). Without one a unit has no cap. A round's allocations
 * are set on its decision board.
 */
export function allocationRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/allocations',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'A year’s allocations outside rounds in your jurisdiction, with the places taken (org admins)',
        querystring: yearQuerySchema,
        response: { 200: yearAllocationListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const admin = callerOf(request);
      assertOrgAdmin(admin, '查看名额 / read allocations');
      const rows = await yearAllocations(ctx.db, request.query.year);
      const inside = await codesInJurisdiction(
        ctx.db,
        admin.units,
        rows.map((x) => x.receivingUnit),
      );
      const mine = rows.filter((x) => inside.has(x.receivingUnit));
      const names = await unitNames(
        ctx.db,
        mine.map((x) => x.receivingUnit),
      );
      return {
        items: mine.map((x) => ({
          year: request.query.year,
          receivingUnit: {
            code: x.receivingUnit,
            name: names.get(x.receivingUnit) ?? { zh: x.receivingUnit, en: x.receivingUnit },
          },
          quota: x.quota,
          approved: x.approved,
        })),
      };
    },
  );

  r.post(
    '/api/allocations',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Set a receiving unit’s allocation for a year’s cases outside rounds (org admins, your jurisdiction)',
        security: [{ session: [], csrf: [] }],
        body: yearAllocationBodySchema,
        response: { 200: yearAllocationListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const admin = callerOf(request);
      assertOrgAdmin(admin, '分配名额 / allocate places');
      const { year, receivingUnit, quota } = request.body;
      if (
        !(await getUnit(ctx.db, receivingUnit)) ||
        !(await codesInJurisdiction(ctx.db, admin.units, [receivingUnit])).has(receivingUnit)
      )
        throw new ApiError(
          'INVALID_INPUT',
          `不在本辖区单位库中 / not a unit of your jurisdiction: ${receivingUnit}`,
          {
            field: 'body.receivingUnit',
          },
        );
      await setAllocation(ctx.db, { roundId: null, year, receivingUnit, quota, setBy: admin.username });
      const names = await unitNames(ctx.db, [receivingUnit]);
      const rows = await yearAllocations(ctx.db, year, [receivingUnit]);
      return {
        items: rows.map((x) => ({
          year,
          receivingUnit: {
            code: x.receivingUnit,
            name: names.get(x.receivingUnit) ?? { zh: x.receivingUnit, en: x.receivingUnit },
          },
          quota: x.quota,
          approved: x.approved,
        })),
      };
    },
  );
}

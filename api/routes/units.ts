import {
  newUnitSchema,
  unitAnswerSchema,
  unitCodeParamSchema,
  unitDetailSchema,
  unitPageSchema,
  unitPatchSchema,
  unitQuerySchema,
  type Unit,
  type UnitRow,
} from '../../contract';
import { sqlState, UNIQUE_VIOLATION } from '../../db';
import {
  ancestorsOf,
  childrenOf,
  codesInJurisdiction,
  getUnit,
  insertUnit,
  listUnits,
  nearestDepartment,
  unitNames,
  updateUnit,
} from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, notFound } from '../errors';
import { assertOrgAdmin } from '../scope';
import type { ZodApp } from './types';

/*
 * The unit directory (单位库). Everyone reads it (names are what every screen shows); org admins
 * manage the units of their jurisdiction: a new unit or a move must land under a unit they manage,
 * so a county department cannot hang units into the city's tree.
 */

async function withParentNames(ctx: ApiContext, units: Unit[]): Promise<UnitRow[]> {
  const names = await unitNames(
    ctx.db,
    units.flatMap((u) => (u.parentCode ? [u.parentCode] : [])),
  );
  return units.map((u) => ({ ...u, parentName: u.parentCode ? (names.get(u.parentCode) ?? null) : null }));
}

async function assertManages(ctx: ApiContext, admin: ApiUser, code: string, field: string): Promise<void> {
  const inside = await codesInJurisdiction(ctx.db, admin.units, [code]);
  if (!inside.has(code))
    throw new ApiError('FORBIDDEN', `${code}不在本辖区内 / ${code} is outside your jurisdiction`, { field });
}

const dept = async (ctx: ApiContext, code: string, type: 'org_dept' | 'united_front_dept') => {
  const found = await nearestDepartment(ctx.db, code, type);
  if (!found) return null;
  return { code: found, name: (await unitNames(ctx.db, [found])).get(found) ?? { zh: found, en: found } };
};

export function unitRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary:
          'The unit directory (单位库) in tree order: your jurisdiction by default (mine=false: all), filters',
        querystring: unitQuerySchema,
        response: { 200: unitPageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const q = request.query;
      // A department's (or auditor's) own jurisdiction by default; the directory itself is not secret.
      const departmental =
        user.role === 'org_admin' || user.role === 'united_front' || user.role === 'auditor';
      const page = await listUnits(ctx.db, {
        within: q.mine && departmental ? user.units : undefined,
        parent: q.parent,
        type: q.type,
        q: q.q,
        includeInactive: q.includeInactive,
        limit: q.limit,
        offset: q.offset,
      });
      return {
        items: await withParentNames(ctx, page.items),
        total: page.total,
        limit: q.limit,
        offset: q.offset,
      };
    },
  );

  r.get(
    '/api/units/:code',
    {
      schema: {
        tags: ['units'],
        summary: 'One unit with its ancestors, children and the departments responsible for it',
        params: unitCodeParamSchema,
        response: { 200: unitDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const unit = await getUnit(ctx.db, request.params.code);
      if (!unit) throw notFound('unit');
      const [rows, ancestors, children, orgDept, unitedFrontDept, inside] = await Promise.all([
        withParentNames(ctx, [unit]),
        ancestorsOf(ctx.db, unit.code),
        childrenOf(ctx.db, unit.code),
        dept(ctx, unit.code, 'org_dept'),
        dept(ctx, unit.code, 'united_front_dept'),
        user.role === 'org_admin'
          ? codesInJurisdiction(ctx.db, user.units, [unit.code])
          : Promise.resolve(new Set<string>()),
      ]);
      return {
        unit: rows[0] as UnitRow,
        ancestors,
        children,
        orgDept,
        unitedFrontDept,
        manageable: inside.has(unit.code),
      };
    },
  );

  r.post(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Add a unit under a unit of your jurisdiction (org admins)',
        security: [{ session: [], csrf: [] }],
        body: newUnitSchema,
        response: { 201: unitAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const admin = callerOf(request);
      assertOrgAdmin(admin, '管理单位库 / manage the unit directory');
      const body = request.body;
      if (!(await getUnit(ctx.db, body.parentCode)))
        throw new ApiError('INVALID_INPUT', `上级单位不存在 / no parent unit ${body.parentCode}`, {
          field: 'body.parentCode',
        });
      await assertManages(ctx, admin, body.parentCode, 'body.parentCode');
      let unit: Unit;
      try {
        unit = await insertUnit(ctx.db, body);
      } catch (err) {
        if (sqlState(err) === UNIQUE_VIOLATION)
          throw new ApiError('UNIT_EXISTS', `单位代码已存在 / unit ${body.code} already exists`, {
            field: 'body.code',
          });
        throw err;
      }
      request.log.info({ user: admin.username, unit: unit.code }, 'unit added');
      return reply.code(201).send({ unit: (await withParentNames(ctx, [unit]))[0] as UnitRow });
    },
  );

  r.post(
    '/api/units/:code',
    {
      schema: {
        tags: ['units'],
        summary:
          'Rename, retype, move (with everything under it) or deactivate a unit of your jurisdiction (org admins)',
        security: [{ session: [], csrf: [] }],
        params: unitCodeParamSchema,
        body: unitPatchSchema,
        response: { 200: unitAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const admin = callerOf(request);
      assertOrgAdmin(admin, '管理单位库 / manage the unit directory');
      const code = request.params.code;
      if (!(await getUnit(ctx.db, code))) throw notFound('unit');
      await assertManages(ctx, admin, code, 'params.code');
      const patch = request.body;
      if (patch.parentCode !== undefined) {
        if (!(await getUnit(ctx.db, patch.parentCode)))
          throw new ApiError('INVALID_INPUT', `上级单位不存在 / no parent unit ${patch.parentCode}`, {
            field: 'body.parentCode',
          });
        await assertManages(ctx, admin, patch.parentCode, 'body.parentCode');
        const underItself = (await ancestorsOf(ctx.db, patch.parentCode)).some((a) => a.code === code);
        if (patch.parentCode === code || underItself)
          throw new ApiError('INVALID_INPUT', '不能把单位移到其下级之下 / a unit cannot move under itself', {
            field: 'body.parentCode',
          });
      }
      const unit = await updateUnit(ctx.db, code, patch);
      if (!unit) throw notFound('unit');
      request.log.info({ user: admin.username, unit: code }, 'unit changed');
      return { unit: (await withParentNames(ctx, [unit]))[0] as UnitRow };
    },
  );
}

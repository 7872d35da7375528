import { z } from 'zod';
import type { Db } from '../db';
import { releaseIntake as release, reserveIntake as reserve, type IntakeFacts } from '../store';
import { parseOrFail, toActivityFailure } from './failures';

export const intakeRequestSchema = z.object({
  caseId: z.string().min(1).max(200),
  roundId: z.string().min(1).max(64).nullable(),
  year: z.number().int().min(2000).max(2100),
  receivingUnit: z.string().min(1).max(64),
});
export type IntakeRequestInput = z.infer<typeof intakeRequestSchema>;

/**
 * The approval's quota facts (名额), read and taken in one transaction: the stored allocation, the
 * cases already approved for the unit, and a place for this case if one is left. Run by the case
 * workflow's approval handler; idempotent by case id, so a retry answers the same.
 */
export async function reserveIntake(db: Db, input: unknown): Promise<IntakeFacts> {
  const request = parseOrFail(intakeRequestSchema, input, 'intakeRequest');
  try {
    return await reserve(db, request);
  } catch (error) {
    throw toActivityFailure(error);
  }
}

/** Gives a place back when the approval that took it was refused after all. */
export async function releaseIntake(db: Db, input: unknown): Promise<{ released: boolean }> {
  const { caseId } = parseOrFail(z.object({ caseId: z.string().min(1).max(200) }), input, 'intakeRelease');
  return { released: await release(db, caseId) };
}

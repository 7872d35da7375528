// Audit-chain verification over HTTP (and as the store computes it).
import { z } from 'zod';
import { caseIdParamSchema } from './cases';
import { roundIdSchema } from './rounds';

export const chainVerificationSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    caseId: z.string(),
    entries: z.number().int(),
    /** rows written before the keyed chain (plain SHA-256): they verify, but could be rebuilt */
    legacyEntries: z.number().int().optional(),
    /** the chain ends at the head (seq, hash) Temporal holds for the case */
    anchored: z.boolean().optional(),
  }),
  z.object({
    ok: z.literal(false),
    caseId: z.string(),
    entries: z.number().int(),
    /** the first row that does not fit the chain */
    firstBrokenSeq: z.number().int(),
    reason: z.string(),
  }),
]);
export type ChainVerification = z.infer<typeof chainVerificationSchema>;

export const verifyQuerySchema = z.object({
  caseId: caseIdParamSchema.shape.id.optional(),
  /** one round's own trail (`round:<id>`) */
  roundId: roundIdSchema.optional(),
});

/** GET /api/audit/verify: every case in scope (only the broken ones listed), or the one asked for. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  cases: z.number().int(),
  /** rounds' own trails verified (org departments and auditors) */
  rounds: z.number().int().optional(),
  entries: z.number().int(),
  results: z.array(chainVerificationSchema),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** GET /api/audit/export: one case (caseId) or every case in your scope, as a signed JSON Lines file. */
export const auditExportQuerySchema = verifyQuerySchema;

/** GET /api/audit/public-key: what an offline verifier needs (and the id the export names). */
export const auditPublicKeySchema = z.object({
  /** `ed25519:` and the first 16 hex digits of the SPKI digest */
  keyId: z.string(),
  /** PEM (SPKI) */
  publicKey: z.string(),
});
export type AuditPublicKey = z.infer<typeof auditPublicKeySchema>;

// A starter (API, CLI) can ask before creating a case whether the nomination is valid and eligible.
import { evaluateEligibility, type EligibilityFailure } from './eligibility';
import { initialContext } from './initial';
import { secondmentInputSchema } from './input';

export function checkNomination(
  input: unknown,
): { ok: true } | { ok: false; invalid: string[]; failures: EligibilityFailure[] } {
  const parsed = secondmentInputSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      invalid: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      failures: [],
    };
  try {
    const c = initialContext(parsed.data);
    const failures = evaluateEligibility(c, c.policy, c.nominatedAt);
    return failures.length === 0 ? { ok: true } : { ok: false, invalid: [], failures };
  } catch (err) {
    return { ok: false, invalid: [err instanceof Error ? err.message : String(err)], failures: [] };
  }
}

// A starter (API, CLI) can ask before creating a case whether the nomination is valid and eligible.
import { evaluateEligibility, type EligibilityFailure } from './eligibility';
import { nominationSchema } from './input';
import { getPolicy } from './policy';

export function checkNomination(
  input: unknown,
): { ok: true } | { ok: false; invalid: string[]; failures: EligibilityFailure[] } {
  const parsed = nominationSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      invalid: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      failures: [],
    };
  const n = parsed.data;
  try {
    const policy = typeof n.policy === 'string' ? getPolicy(n.policy) : n.policy;
    const failures = evaluateEligibility({ ...n, cadre: n.cadre }, policy);
    return failures.length === 0 ? { ok: true } : { ok: false, invalid: [], failures };
  } catch (err) {
    return { ok: false, invalid: [err instanceof Error ? err.message : String(err)], failures: [] };
  }
}

import type { z } from 'zod';

/**
 * One line per problem, each naming the field by its path, so a person (or a script) can see
 * which input to fix. Used by Update validators, the API and configuration loading alike.
 */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

import path from 'node:path';
import { z } from 'zod';

/** `memory://` keeps an embedded database in memory only (tests); any other value is a directory. */
export const IN_MEMORY = 'memory://';

const identifier = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'schema 须为小写 SQL 标识符 / schema must be a lowercase SQL identifier');

export const databaseConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('embedded'),
    dataDir: z.string().min(1),
  }),
  z.object({
    kind: z.literal('postgres'),
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'url 须以 postgres:// 开头 / url must start with postgres://'),
    /** Optional schema (search_path) so several deployments or test runs can share one database. */
    schema: identifier.optional(),
    poolSize: z.number().int().min(1).max(100).optional(),
  }),
]);

export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;

/** DATABASE_URL selects PostgreSQL; otherwise the embedded database lives in $SECONDMENT_DATA_DIR/pglite (default ./data/pglite). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env['DATABASE_URL'];
  if (url) {
    return databaseConfigSchema.parse({
      kind: 'postgres',
      url,
      schema: env['DATABASE_SCHEMA'] || undefined,
    });
  }
  return databaseConfigSchema.parse({
    kind: 'embedded',
    dataDir: path.join(env['SECONDMENT_DATA_DIR'] || './data', 'pglite'),
  });
}

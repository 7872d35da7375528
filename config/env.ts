import path from 'node:path';
import { z } from 'zod';
import { formatZodError } from '../common/zodErrors';

const ROOT = path.resolve(__dirname, '..');

const port = z.coerce.number().int().min(1).max(65535);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

/**
 * Every setting comes from an environment variable with a documented default (README,
 * "Configuration"). An unset TEMPORAL_ADDRESS means "embedded": the stack starts its own dev
 * server; setting it points the same code at an existing cluster.
 */
export const envSchema = z.object({
  SECONDMENT_HOST: z.string().default('127.0.0.1'),
  SECONDMENT_DATA_DIR: z.string().default(path.join(ROOT, 'data')),
  SECONDMENT_API_PORT: port.default(3000),
  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('secondment'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_CLI_PATH: z.string().default(path.join(ROOT, '.tools', 'bin', 'temporal')),
  TEMPORAL_TLS_CERT_PATH: optionalText,
  TEMPORAL_TLS_KEY_PATH: optionalText,
  TEMPORAL_TLS_CA_PATH: optionalText,
  TEMPORAL_TLS_SERVER_NAME: optionalText,
  TEMPORAL_API_KEY: optionalText,
  /** payload codec keyring as JSON (production secret stores), or … */
  SECONDMENT_CODEC_KEYS: optionalText,
  /** … the path of a keyring file; the embedded stack generates one in the data folder */
  SECONDMENT_CODEC_KEY_FILE: optionalText,
  /** port of the remote codec endpoint the embedded Temporal UI decrypts through (0: none) */
  SECONDMENT_CODEC_PORT: z.coerce.number().int().min(0).max(65535).default(8234),
});
export type Env = z.infer<typeof envSchema>;

export interface TemporalTarget {
  /** true when this process must start the local dev server itself */
  embedded: boolean;
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { certPath?: string; keyPath?: string; caPath?: string; serverName?: string };
  apiKey?: string;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`配置错误 / invalid configuration: ${formatZodError(parsed.error)}`);
  }
  const env = parsed.data;
  if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH)) {
    throw new Error(
      '配置错误 / invalid configuration: TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together',
    );
  }
  return env;
}

export function temporalTarget(env: Env): TemporalTarget {
  const embedded = env.TEMPORAL_ADDRESS === undefined;
  const wantsTls =
    env.TEMPORAL_TLS_CERT_PATH !== undefined ||
    env.TEMPORAL_TLS_CA_PATH !== undefined ||
    env.TEMPORAL_TLS_SERVER_NAME !== undefined;
  return {
    embedded,
    address: env.TEMPORAL_ADDRESS ?? `${env.SECONDMENT_HOST}:${env.TEMPORAL_PORT}`,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    ...(wantsTls
      ? {
          tls: {
            certPath: env.TEMPORAL_TLS_CERT_PATH,
            keyPath: env.TEMPORAL_TLS_KEY_PATH,
            caPath: env.TEMPORAL_TLS_CA_PATH,
            serverName: env.TEMPORAL_TLS_SERVER_NAME,
          },
        }
      : {}),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usage } from './errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Flags every command takes. */
export const GLOBAL_OPTIONS = {
  api: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export interface ParsedArgs {
  values: Values;
  positionals: string[];
}

/**
 * Finds the command words (`list`, `users create` …) among the arguments, so that global flags may
 * stand before them: `secondment --api http://x --json list`. Returns the words and the rest.
 */
export function splitCommand(
  argv: string[],
  groups: ReadonlySet<string>,
): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg === '--api') {
      rest.push(arg, ...(i + 1 < argv.length ? [argv[++i] ?? ''] : []));
      continue;
    }
    if (arg.startsWith('-')) {
      rest.push(arg);
      continue;
    }
    words.push(arg);
    // A group (audit, users) takes one more word; anything else ends the command words.
    if (words.length === 2 || !groups.has(arg)) {
      i++;
      break;
    }
  }
  rest.push(...argv.slice(i));
  return { words, rest };
}

/**
 * Which flag a strict parse refused, found by parsing again leniently (node's errors name it only in
 * their message text): an unknown flag, a boolean given a value, or a string flag without one.
 */
function offendingFlag(argv: string[], options: OptionSpec): { flag: string; takesNone: boolean } {
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = options[t.name];
    if (!spec) return { flag: t.rawName, takesNone: false };
    const flag = `--${t.name}`;
    if (spec.type === 'boolean' && t.value !== undefined) return { flag, takesNone: true };
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-'))))
      return { flag, takesNone: false };
  }
  return { flag: '', takesNone: false };
}

/** parseArgs, strict, with its errors turned into usage errors that name the flag. */
export function parseCommandArgs(argv: string[], options: OptionSpec, command: string): ParsedArgs {
  const all = { ...GLOBAL_OPTIONS, ...options };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: all,
      strict: true,
      allowPositionals: true,
    });
    return { values, positionals };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const help = `secondment ${command} --help`;
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const { flag } = offendingFlag(argv, all);
      throw usage(`未知选项 / unknown flag: ${flag}；可用选项见 / see the flags: ${help}`, flag);
    }
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const { flag, takesNone } = offendingFlag(argv, all);
      throw usage(
        takesNone ? `${flag}: 不接受取值 / takes no value` : `${flag}: 缺少取值 / expects a value (${help})`,
        flag,
      );
    }
    throw usage(e.message ?? String(err));
  }
}

export interface PositionalSpec {
  name: string;
  optional?: boolean;
}

/** Checks the count of positional arguments; names the missing one. */
export function takePositionals(parsed: ParsedArgs, spec: PositionalSpec[], command: string): string[] {
  const got = parsed.positionals;
  const missing = spec.slice(got.length).find((p) => !p.optional);
  if (missing)
    throw usage(
      `缺少参数 / missing argument <${missing.name}>: secondment ${command} ${spec.map((p) => (p.optional ? `[${p.name}]` : `<${p.name}>`)).join(' ')}`,
      missing.name,
    );
  if (got.length > spec.length)
    throw usage(`多余的参数 / unexpected argument: "${got[spec.length]}"`, got[spec.length]);
  return got;
}

export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function strs(values: Values, name: string): string[] | undefined {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : undefined;
}

export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

export function intValue(
  values: Values,
  name: string,
  bounds: { min?: number; max?: number } = {},
): number | undefined {
  const raw = str(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const { min = -Infinity, max = Infinity } = bounds;
  if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) {
    const range = [Number.isFinite(min) ? `≥ ${min}` : '', Number.isFinite(max) ? `≤ ${max}` : '']
      .filter(Boolean)
      .join(', ');
    throw usage(
      `--${name}: 应为整数${range ? `（${range}）` : ''} / expected an integer${range ? ` (${range})` : ''}, got "${raw}"`,
      `--${name}`,
    );
  }
  return n;
}

export function enumValue<T extends string>(
  values: Values,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = str(values, name);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw))
    throw usage(`--${name}: 应为 / expected one of ${allowed.join(', ')}, got "${raw}"`, `--${name}`);
  return raw as T;
}

/** JSON text that must be an object (an event payload, a nomination); `source` names where it came from. */
export function parseJsonObject(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw usage(`${source}: 不是有效的 JSON / not valid JSON: ${(err as Error).message}`, source);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw usage(`${source}: 应为 JSON 对象 / expected a JSON object {…}`, source);
  return value as Record<string, unknown>;
}

import { flag, parseCommandArgs, splitCommand, str, takePositionals } from './args';
import type { CommandContext } from './command';
import { COMMANDS, GROUPS } from './commands';
import { CliError, usage } from './errors';
import { EXIT, type ExitCode } from './exitCodes';
import { commandHelp, generalHelp } from './help';
import { Output } from './output';
import { cliHome, DEFAULT_API_URL, normalizeApiUrl, SessionStore } from './session';

export interface Io {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

/** Runs one CLI invocation; never throws, returns the exit code. */
export async function runCli(argv: string[], io: Io): Promise<ExitCode> {
  // --json must be known before anything can fail, so even a usage error comes out as JSON.
  const json = argv.includes('--json');
  const out = new Output(json, io.stdout, io.stderr);
  try {
    const { words, rest } = splitCommand(argv, GROUPS);
    const name = words.join(' ');
    if (name === '' || name === 'help') {
      const topic = COMMANDS.find((c) => c.name === rest.filter((a) => !a.startsWith('-')).join(' '));
      if (name === 'help' || argv.includes('--help') || argv.includes('-h')) {
        io.stdout.write(`${topic ? commandHelp(topic) : generalHelp()}\n`);
        return EXIT.OK;
      }
      if (!json) io.stderr.write(`${generalHelp()}\n`);
      throw usage('缺少命令 / missing command', 'command');
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command && GROUPS.has(words[0] ?? '') && words.length === 1) {
      const subs = COMMANDS.filter((c) => c.name.startsWith(`${name} `)).map((c) => c.name.split(' ')[1]);
      throw usage(`${name} 需要子命令 / needs a subcommand: ${subs.join(', ')}`, 'command');
    }
    if (!command) {
      const known = COMMANDS.map((c) => c.name).join(', ');
      throw usage(`未知命令 / unknown command: "${name}"; 可用命令 / commands: ${known}`, 'command');
    }
    const args = parseCommandArgs(rest, command.options, command.name);
    if (flag(args.values, 'help')) {
      io.stdout.write(`${commandHelp(command)}\n`);
      return EXIT.OK;
    }
    const positionals = takePositionals(args, command.positionals, command.name);
    const apiFlag = str(args.values, 'api');
    const ctx: CommandContext = {
      api: normalizeApiUrl(
        apiFlag ?? io.env.SECONDMENT_API_URL ?? DEFAULT_API_URL,
        apiFlag !== undefined ? '--api' : 'SECONDMENT_API_URL',
      ),
      out,
      sessions: new SessionStore(cliHome(io.env)),
      env: io.env,
      stdin: io.stdin,
    };
    return await command.run(ctx, args, positionals);
  } catch (err) {
    const e =
      err instanceof CliError
        ? err
        : new CliError(
            'INTERNAL',
            `意外错误 / unexpected error: ${(err as Error)?.message ?? String(err)}`,
            EXIT.UNEXPECTED,
          );
    out.error(e);
    if (!(err instanceof CliError) && io.env.SECONDMENT_CLI_DEBUG)
      io.stderr.write(`${(err as Error)?.stack}\n`);
    return e.exitCode;
  }
}

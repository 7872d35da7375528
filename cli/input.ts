import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliError, usage } from './errors';
import { EXIT } from './exitCodes';
import { parseJsonObject } from './args';

type Stdin = NodeJS.ReadStream;

export async function readAll(stdin: Stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** `--password-stdin`: the whole of stdin, less one trailing newline (what `echo` or a file adds). */
export async function passwordFromStdin(stdin: Stdin): Promise<string> {
  const text = (await readAll(stdin)).replace(/\r?\n$/, '');
  if (!text) throw usage('--password-stdin: 标准输入为空 / stdin is empty', '--password-stdin');
  return text;
}

/** Asks on the terminal (prompt on stderr, so stdout stays clean for --json). */
export async function promptLine(
  question: string,
  stdin: Stdin,
  stderr: NodeJS.WritableStream,
): Promise<string> {
  const rl = createInterface({ input: stdin, output: stderr, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
  }
}

/** Reads a password from the terminal without echoing it. */
export function promptHidden(question: string, stdin: Stdin, stderr: NodeJS.WritableStream): Promise<string> {
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (err?: CliError) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new CliError('USAGE', '已取消 / cancelled', EXIT.USAGE));
        if (ch === '\u0004') {
          if (typed === '') return finish(new CliError('USAGE', '已取消 / cancelled', EXIT.USAGE));
          return finish();
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * A password for login or for a new user: `--password-stdin`, else the environment variable (for
 * scripts), else a hidden prompt when there is a terminal. There is deliberately no password flag:
 * command lines end up in shell history and `ps`.
 */
export async function obtainPassword(opts: {
  fromStdin: boolean;
  envValue: string | undefined;
  envName: string;
  stdin: Stdin;
  stderr: NodeJS.WritableStream;
  prompt: string;
  confirm?: boolean;
}): Promise<string> {
  if (opts.fromStdin) return passwordFromStdin(opts.stdin);
  if (opts.envValue) return opts.envValue;
  if (!opts.stdin.isTTY)
    throw usage(
      `需要密码：请用 --password-stdin 或 ${opts.envName}，或在终端中运行 / a password is needed: use --password-stdin or ${opts.envName}, or run in a terminal`,
      '--password-stdin',
    );
  const first = await promptHidden(opts.prompt, opts.stdin, opts.stderr);
  if (opts.confirm) {
    const again = await promptHidden('再次输入 / Repeat: ', opts.stdin, opts.stderr);
    if (again !== first) throw usage('两次输入的密码不一致 / the passwords do not match', '--password-stdin');
  }
  return first;
}

/**
 * A JSON object from `--file <path>` (`-` = stdin), or from stdin when it is piped and no file is
 * named. `what` names the input in errors.
 */
export async function readJsonInput(
  file: string | undefined,
  stdin: Stdin,
  opts: { stdinWhenPiped: boolean; what: string },
): Promise<Record<string, unknown> | undefined> {
  if (file !== undefined && file !== '-') {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw usage(
        `--file: 无法读取 / cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        '--file',
      );
    }
    return parseJsonObject(text, `--file ${file}`);
  }
  if (file === '-' || (opts.stdinWhenPiped && !stdin.isTTY)) {
    const text = await readAll(stdin);
    if (!text.trim()) throw usage(`${opts.what}: 标准输入为空 / stdin is empty`, '--file');
    return parseJsonObject(text, 'stdin');
  }
  return undefined;
}

import type { CliError } from './errors';

/**
 * Where results go. With --json stdout carries exactly one JSON document per run and stderr only
 * the error document, so scripts can parse both; without it, tables on stdout and notes on stderr.
 */
export class Output {
  constructor(
    readonly json: boolean,
    readonly stdout: NodeJS.WritableStream,
    readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  ) {}

  result(doc: unknown, human: () => string): void {
    if (this.json) this.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    else {
      const text = human();
      if (text) this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }
  }

  /** A remark for the person at the terminal; never printed with --json. */
  note(text: string): void {
    if (!this.json) this.stderr.write(`${text}\n`);
  }

  error(err: CliError): void {
    if (this.json) this.stderr.write(`${JSON.stringify(err.toJson())}\n`);
    else {
      // The API's messages often name the field or rule already; say it once.
      const { field, rule } = err.extra;
      const where = field && !err.message.includes(field) ? ` [${field}]` : '';
      const why = rule && !err.message.includes(rule) ? ` (${rule})` : '';
      this.stderr.write(`错误 / Error: ${err.message}${where}${why}\n`);
    }
  }
}

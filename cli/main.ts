import { runCli } from './run';

// Exit through exitCode rather than process.exit(), so piped stdout is flushed before the end.
void runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});

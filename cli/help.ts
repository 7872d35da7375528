import type { Command } from './command';
import { COMMANDS } from './commands';
import { padEnd } from './table';

export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `secondment — 挂职锻炼工作流命令行 / command line for the secondment engine's admin API

用法 / Usage: secondment <command> [flags]   (secondment <command> --help)

${COMMANDS.map((c) => `  ${padEnd(c.name, width)}  ${c.summary}`).join('\n')}

通用选项 / Global flags:
  --api <url>   API 地址 / API base URL (env SECONDMENT_API_URL, default http://127.0.0.1:3000)
  --json        输出一个 JSON 文档 / print one JSON document on stdout (errors: JSON on stderr)
  -h, --help    帮助 / help

退出码 / Exit codes: 0 成功 ok · 1 意外错误 unexpected · 2 用法错误 usage · 3 未登录或无权限 auth ·
  4 未找到 not found · 5 被规则拒绝或冲突 refused/conflict · 6 服务不可达 unavailable ·
  7 批量部分失败 bulk partly failed · 8 审计链断裂 audit chain broken
会话保存在 / Sessions are saved in $SECONDMENT_CLI_HOME (default ~/.config/secondment).`;
}

export function commandHelp(c: Command): string {
  const [first = '', ...more] = c.help.split('\n');
  return [
    `secondment ${c.name} ${first}`.trimEnd(),
    `  ${c.summary}`,
    ...more,
    '',
    '  通用选项 / Global: --api <url> --json --help',
  ].join('\n');
}

import { ApplicationFailure } from '@temporalio/workflow';
import { FailureType, type Refusal } from '../../contract/errors';

/** How far a caller's time stamp may be from the workflow clock when an Update arrives. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

interface Verdict {
  code: Refusal['code'];
  rule: Refusal['rule'];
  message: { zh: string; en: string };
}

/**
 * A refusal as data: the ApplicationFailure's `type` says what kind, `details[0]` is the refusal
 * (code, rule, zh/en message, field), and the message is the text a person reads, zh-CN first.
 * Thrown by the validator (nothing enters history) and by the handler (a queued Update that finds
 * the case changed); the client reads both by type and details, never by the message's words.
 */
export function refused(verdict: Verdict): ApplicationFailure {
  const refusal: Refusal = { code: verdict.code, rule: verdict.rule, message: verdict.message };
  return ApplicationFailure.create({
    type: FailureType.EventRefused,
    message: `${verdict.message.zh} / ${verdict.message.en} [${verdict.code}: ${verdict.rule}]`,
    nonRetryable: true,
    details: [refusal],
  });
}

export interface Problem {
  field: string | undefined;
  text: string;
}

export function invalidInput(type: string, problems: Problem[], ruleText: string): ApplicationFailure {
  const text = problems.map((p) => p.text).join('; ');
  const field = problems[0]?.field;
  const refusal: Refusal = {
    code: 'INVALID_EVENT',
    rule: 'event.schema',
    message: {
      zh: `参数无效：${text}（规则 event.schema：${ruleText}）`,
      en: `invalid input for ${type}: ${text}`,
    },
    ...(field ? { field } : {}),
  };
  return ApplicationFailure.create({
    type: FailureType.InvalidInput,
    message: `参数无效 / invalid input for ${type}: ${text}`,
    nonRetryable: true,
    details: [refusal],
  });
}

/**
 * The event's time is the caller's stamp (`at` in the Update argument), so it is recorded in
 * history and replay reads it back: a time taken from the workflow clock in the handler was seen
 * to differ on replay after a server restart (chaos test). The validator, which runs only when
 * the Update first arrives, refuses stamps too far from the workflow clock, so nobody backdates.
 * Histories recorded before callers stamped fall back to the clock.
 */
export function stampOf(stamped: unknown, firstArrival: boolean, problems: Problem[]): string {
  if (typeof stamped === 'string' && !Number.isNaN(Date.parse(stamped))) {
    const at = new Date(Date.parse(stamped)).toISOString();
    if (firstArrival && Math.abs(Date.parse(at) - Date.now()) > MAX_CLOCK_SKEW_MS)
      problems.push({
        field: 'at',
        text: `at: 请求时间与服务器时间相差超过5分钟 / request time is more than 5 minutes from the server's time`,
      });
    return at;
  }
  if (firstArrival)
    problems.push({
      field: 'at',
      text: 'at: 应为请求时间（ISO 8601）/ expected the request time as an ISO 8601 timestamp',
    });
  return new Date().toISOString();
}

// The host's Update validator: is this event allowed now, for this actor? Same engine as the
// machine's guards, plus the one thing only the statechart knows (is the event handled here).
import { evaluate } from './engine';
import { eventLabels, eventTypeSchema } from './events';
import { refuse, type CheckResult } from './refusal';
import { eventsInState, statusCode, type SecondmentSnapshot } from './snapshot';
import { statusLabels } from './status';

export function checkEvent(snapshot: SecondmentSnapshot, event: unknown): CheckResult {
  const status = statusCode(snapshot);
  const type = eventTypeSchema.safeParse((event as { type?: unknown } | null)?.type);
  if (type.success && snapshot.status !== 'done' && !eventsInState(snapshot).includes(type.data)) {
    const label = eventLabels[type.data];
    return refuse(
      'NOT_IN_STATE',
      'state.events',
      `当前阶段「${statusLabels[status].zh}」不能「${label.zh}」`,
      `"${label.en}" is not possible while the case is ${statusLabels[status].en}`,
    );
  }
  const r = evaluate(snapshot.context, event);
  if (!r.ok) return r.refusal;
  return { ok: true };
}

import { statusCode, liveDuties } from '../../../machines/secondment/v2';
import { tracking, posted } from './support/scenarios';

test('smoke', () => {
  const p = posted();
  console.log(statusCode(p.snapshot), JSON.stringify(p.snapshot.value), p.ctx.termStart, p.ctx.termEnd);
  console.log(
    liveDuties(p.snapshot)
      .map(
        (d) => `${d.key} ${d.state} opens ${d.opensAt} due ${d.dueAt} ${d.calendarVersion} ${d.provisional}`,
      )
      .join('\n'),
  );
  const t = tracking();
  console.log(statusCode(t.snapshot), t.ctx.seq);
});

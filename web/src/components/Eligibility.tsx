import type { RecommendationRow } from '../../../contract';
import { useI18n } from '../i18n';

/** Eligibility as judged at entry: a mark, and the rules' reasons when not eligible. */
export function Eligibility({ e }: { e: RecommendationRow['eligibility'] }) {
  const i = useI18n();
  if (e.ok)
    return (
      <span class="badge badge-info" data-testid="eligible">
        {i.t('eligible')} · {i.t('ageYears', { n: e.age })}
      </span>
    );
  return (
    <span data-testid="not-eligible">
      <span class="badge badge-warn">{i.t('notEligible')}</span>
      <ul class="reasons">
        {e.failures.map((f) => (
          <li key={f.code}>{i.lang === 'zh' ? f.zh : f.en}</li>
        ))}
      </ul>
    </span>
  );
}

/** 个人自荐 / 群众推荐 / 组织推荐 / 竞争性选拔 (with the scores). */
export function SourceText({ s }: { s: RecommendationRow['source'] }) {
  const i = useI18n();
  const label = i.l(i.vocab.sources[s.type], s.type);
  return (
    <>
      {label}
      {s.type === 'competitive' && (
        <span class="small muted">
          {' '}
          ({i.t('examScore')} {s.examScore} · {i.t('interviewScore')} {s.interviewScore})
        </span>
      )}
    </>
  );
}

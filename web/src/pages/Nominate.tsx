import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { NominationRequest, PersonRow, RecommendationRequest, RoundList } from '../../../contract';
import { get, post, type ApiError, type User } from '../api';
import { Card, ErrorNote } from '../components/common';
import { PersonSearch } from '../components/PersonSearch';
import { UnitSelect } from '../components/UnitSelect';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { caseHref, roundHref } from '../router';

type SourceType = 'self' | 'mass' | 'organization' | 'competitive';
type Field =
  'personId' | 'kind' | 'sendingUnit' | 'requestedReceivingUnit' | 'roundId' | 'termMonths' | 'source';

/** A server refusal's `field` (body.sendingUnit, personId, params.id …) as this form's field. */
function formField(field: string | undefined): Field | null {
  const f = (field ?? '').replace(/^body\./, '');
  if (f.startsWith('source')) return 'source';
  if (f === 'params.id') return 'roundId';
  if (f.startsWith('cadre')) return 'personId';
  return (['personId', 'kind', 'sendingUnit', 'requestedReceivingUnit', 'termMonths'] as string[]).includes(f)
    ? (f as Field)
    : null;
}

/**
 * 推荐 / nomination by a sending unit or the organization department: the person from the registry
 * by name, the units by name. Outside a round it opens a case (POST /api/cases, term in months);
 * inside a round it is the unit's recommendation (POST /api/rounds/:id/recommendations) from the
 * reserve pool, to be decided on the board, with the round's common term.
 */
export function Nominate({ user }: { user: User }) {
  const i = useI18n();
  const officer = user.role === 'sending_officer';
  const rounds = useAsync(() => get<RoundList>('/api/rounds'), []);
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [kind, setKind] = useState('');
  const [sendingUnit, setSendingUnit] = useState(officer ? (user.units[0] ?? '') : '');
  const [receiving, setReceiving] = useState('');
  const [roundId, setRoundId] = useState('');
  const [termMonths, setTermMonths] = useState('12');
  const [source, setSource] = useState<SourceType>('organization');
  const [exam, setExam] = useState('');
  const [interview, setInterview] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ kind: 'case' | 'recommendation'; id: string; name: string } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);

  if (user.role !== 'sending_officer' && user.role !== 'org_admin')
    return (
      <div class="page">
        <p class="muted">{i.t('nominateOnly')}</p>
      </div>
    );

  const open = (rounds.data?.items ?? []).filter((r) => r.status === 'COLLECTING');
  const round = open.find((r) => r.id === roundId) ?? null;
  const kinds = round ? round.kinds : Object.keys(i.vocab.kinds);

  const submit = async (e: Event) => {
    e.preventDefault();
    setGeneral(null);
    setDone(null);
    const missing: Partial<Record<Field, string>> = {};
    const need = i.t('required');
    if (!person) missing.personId = need;
    if (!kind) missing.kind = need;
    if (!sendingUnit) missing.sendingUnit = need;
    if (!round && !receiving) missing.requestedReceivingUnit = need;
    if (!round && !/^\d+$/.test(termMonths)) missing.termMonths = i.t('invalidNumber');
    if (source === 'competitive' && (exam === '' || interview === '')) missing.source = i.t('scoresRequired');
    setErrors(missing);
    if (Object.keys(missing).length > 0 || !person) return;
    const src =
      source === 'competitive'
        ? { type: source, examScore: Number(exam), interviewScore: Number(interview) }
        : { type: source };
    setBusy(true);
    try {
      if (round) {
        const body: RecommendationRequest = {
          personId: person.id,
          sendingUnit,
          kind: kind as RecommendationRequest['kind'],
          source: src,
          ...(receiving ? { requestedReceivingUnit: receiving } : {}),
        };
        const r = await post<{ recommendation: { id: string } }>(
          `/api/rounds/${encodeURIComponent(round.id)}/recommendations`,
          body,
        );
        setDone({ kind: 'recommendation', id: r.recommendation.id, name: person.name });
      } else {
        const body: NominationRequest = {
          personId: person.id,
          kind: kind as NominationRequest['kind'],
          sendingUnit,
          requestedReceivingUnit: receiving,
          termMonths: Number(termMonths),
          source: src,
        };
        const r = await post<{ case: { caseId: string } }>('/api/cases', body);
        setDone({ kind: 'case', id: r.case.caseId, name: person.name });
      }
      setPerson(null);
    } catch (err) {
      const apiErr = err as ApiError;
      const f = formField(apiErr.field);
      if (f) setErrors({ [f]: apiErr.message });
      else setGeneral(apiErr);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Field, label: MessageKey, control: ComponentChildren, hint?: string) => (
    <div class={`field ${errors[name] ? 'has-error' : ''}`}>
      <label class="field-label" for={`nom-${name}`}>
        {i.t(label)}
      </label>
      {control}
      {hint && <div class="hint">{hint}</div>}
      {errors[name] && (
        <div class="field-error" role="alert" data-field={name}>
          {errors[name]}
        </div>
      )}
    </div>
  );

  return (
    <div class="page" data-testid="nominate">
      <div class="page-head">
        <h1>{i.t('navNominate')}</h1>
      </div>
      <Card title={i.t('nominateTitle')} extra={<span class="muted small">{i.t('nominateHint')}</span>}>
        <form class="nominate-form" onSubmit={(e) => void submit(e)} noValidate>
          <div class="grid grid-2">
            <div>
              {field(
                'personId',
                'cadreName',
                <PersonSearch
                  id="nom-personId"
                  value={person}
                  onChange={setPerson}
                  pool={!!round}
                  invalid={!!errors.personId}
                />,
                round ? i.t('fromPoolHint') : undefined,
              )}
              {field(
                'roundId',
                'round',
                <select
                  id="nom-roundId"
                  class="input"
                  value={roundId}
                  onChange={(e) => setRoundId((e.target as HTMLSelectElement).value)}
                >
                  <option value="">{i.t('noRound')}</option>
                  {open.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>,
                round
                  ? i.t('roundTermHint', {
                      start: round.term.start,
                      end: round.term.end,
                      months: round.term.months,
                    })
                  : undefined,
              )}
              {field(
                'kind',
                'kind',
                <select
                  id="nom-kind"
                  name="kind"
                  class="input"
                  value={kind}
                  onChange={(e) => setKind((e.target as HTMLSelectElement).value)}
                >
                  <option value="">{i.t('choose')}</option>
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {i.kind(k)}
                    </option>
                  ))}
                </select>,
              )}
              {!round &&
                field(
                  'termMonths',
                  'termMonths',
                  <input
                    id="nom-termMonths"
                    class="input"
                    type="number"
                    min={1}
                    max={60}
                    value={termMonths}
                    onInput={(e) => setTermMonths((e.target as HTMLInputElement).value)}
                  />,
                )}
            </div>
            <div>
              {field(
                'sendingUnit',
                'sendingUnit',
                <UnitSelect
                  id="nom-sendingUnit"
                  name="sendingUnit"
                  value={sendingUnit}
                  onChange={setSendingUnit}
                  {...(officer ? { only: user.units } : {})}
                  invalid={!!errors.sendingUnit}
                />,
              )}
              {field(
                'requestedReceivingUnit',
                round ? 'requestedReceivingOptional' : 'receivingUnit',
                <UnitSelect
                  id="nom-requestedReceivingUnit"
                  name="requestedReceivingUnit"
                  value={receiving}
                  onChange={setReceiving}
                  invalid={!!errors.requestedReceivingUnit}
                />,
              )}
              {field(
                'source',
                'source',
                <>
                  <select
                    id="nom-source"
                    class="input"
                    value={source}
                    onChange={(e) => setSource((e.target as HTMLSelectElement).value as SourceType)}
                  >
                    {(['organization', 'mass', 'self', 'competitive'] as const).map((s) => (
                      <option key={s} value={s}>
                        {i.l(i.vocab.sources[s], s)}
                      </option>
                    ))}
                  </select>
                  {source === 'competitive' && (
                    <div class="inline-fields">
                      <input
                        class="input"
                        type="number"
                        min={0}
                        max={100}
                        placeholder={i.t('examScore')}
                        aria-label={i.t('examScore')}
                        value={exam}
                        onInput={(e) => setExam((e.target as HTMLInputElement).value)}
                      />
                      <input
                        class="input"
                        type="number"
                        min={0}
                        max={100}
                        placeholder={i.t('interviewScore')}
                        aria-label={i.t('interviewScore')}
                        value={interview}
                        onInput={(e) => setInterview((e.target as HTMLInputElement).value)}
                      />
                    </div>
                  )}
                </>,
              )}
            </div>
          </div>
          <ErrorNote error={general} />
          {done && (
            <div class="success-note" role="status" data-testid="nominate-done">
              {done.kind === 'case' ? (
                <>
                  {i.t('nominated', { name: done.name })} <a href={caseHref(done.id)}>{done.id}</a>
                </>
              ) : (
                <>
                  {i.t('recommended', { name: done.name })}{' '}
                  <a href={roundHref(roundId, 'recommendations')}>{i.t('tabRecommendations')}</a>
                </>
              )}
            </div>
          )}
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={busy} data-testid="nominate-submit">
              {round ? i.t('recommend') : i.t('nominate')}
            </button>
          </div>
        </form>
      </Card>
    </div>
  );
}

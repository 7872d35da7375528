import { useState } from 'preact/hooks';
import type { NewUnitRequest, UnitDetail, UnitPage, UnitPatchRequest } from '../../../contract';
import { get, post, type ApiError, type User } from '../api';
import { Card, ErrorNote, Loading } from '../components/common';
import { allUnits, forgetUnits } from '../components/UnitSelect';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { unitHref } from '../router';
import { NotFound } from './NotFound';

const DEPTH: Record<string, number> = { city: 0, county: 1, township: 2, village: 3 };

/** 单位库: the directory as a tree (city → county → township), one unit's page beside it. */
export function Units({ code, user }: { code: string | undefined; user: User }) {
  const i = useI18n();
  const [tick, setTick] = useState(0);
  const units = useAsync(() => allUnits(), [tick]);
  const [q, setQ] = useState('');
  const changed = () => {
    forgetUnits();
    setTick((t) => t + 1);
  };
  const items = (units.data?.items ?? []).filter((u) => !q || i.l(u.name).includes(q) || u.code.includes(q));
  return (
    <div class="page" data-testid="units">
      <div class="page-head">
        <h1>{i.t('navUnits')}</h1>
        <input
          class="input search-narrow"
          type="search"
          placeholder={i.t('filterUnits')}
          value={q}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="units-grid">
        <Card title={`${i.t('unitTree')} (${units.data?.total ?? ''})`} class="unit-tree-card">
          <ErrorNote error={units.error} />
          {!units.data ? (
            <Loading />
          ) : (
            <ul class="unit-tree" data-testid="unit-tree">
              {items.map((u) => (
                <li
                  key={u.code}
                  style={{ paddingLeft: `${(DEPTH[u.level] ?? 0) * 18}px` }}
                  class={`${u.code === code ? 'active' : ''} ${u.active ? '' : 'row-muted'}`}
                  data-unit={u.code}
                >
                  <a href={unitHref(u.code)}>{i.l(u.name)}</a>{' '}
                  <span class="small muted">{i.l(i.vocab.unitTypes[u.type], u.type)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div>
          {code ? (
            <UnitView key={`${code}-${tick}`} code={code} onChange={changed} />
          ) : (
            <Card>
              <p class="muted">{i.t('chooseUnit')}</p>
            </Card>
          )}
          {user.role === 'org_admin' && <NewUnit parent={code} onDone={changed} />}
        </div>
      </div>
    </div>
  );
}

function UnitView({ code, onChange }: { code: string; onChange: () => void }) {
  const i = useI18n();
  const detail = useAsync(() => get<UnitDetail>(`/api/units/${encodeURIComponent(code)}`), [code]);
  const [editing, setEditing] = useState(false);
  if (detail.error?.status === 404) return <NotFound kind="page" />;
  const d = detail.data;
  if (!d) return <Loading />;
  const u = d.unit;
  return (
    <Card
      title={i.l(u.name)}
      testid="unit-detail"
      extra={
        d.manageable && (
          <button class="btn btn-small" onClick={() => setEditing((e) => !e)} data-testid="unit-edit">
            {i.t('edit')}
          </button>
        )
      }
    >
      <p class="breadcrumb small">
        {[...d.ancestors].reverse().map((a) => (
          <span key={a.code}>
            <a href={unitHref(a.code)}>{i.l(a.name)}</a> ›{' '}
          </span>
        ))}
        <strong>{i.l(u.name)}</strong>
      </p>
      <dl class="kv">
        <dt>{i.t('unitNameEn')}</dt>
        <dd>{u.name.en}</dd>
        <dt>{i.t('unitType')}</dt>
        <dd>{i.l(i.vocab.unitTypes[u.type], u.type)}</dd>
        <dt>{i.t('unitLevel')}</dt>
        <dd>{i.l(i.vocab.unitLevels[u.level], u.level)}</dd>
        <dt>{i.t('orgDept')}</dt>
        <dd>{d.orgDept ? <a href={unitHref(d.orgDept.code)}>{i.l(d.orgDept.name)}</a> : '—'}</dd>
        <dt>{i.t('unitedFrontDept')}</dt>
        <dd>
          {d.unitedFrontDept ? (
            <a href={unitHref(d.unitedFrontDept.code)}>{i.l(d.unitedFrontDept.name)}</a>
          ) : (
            '—'
          )}
        </dd>
        <dt>{i.t('unitCode')}</dt>
        <dd class="mono small">{u.code}</dd>
        <dt>{i.t('status')}</dt>
        <dd>{u.active ? i.t('active') : i.t('inactive')}</dd>
      </dl>
      {d.children.length > 0 && (
        <>
          <div class="subhead">
            {i.t('childUnits')} ({d.children.length})
          </div>
          <p class="unit-chips">
            {d.children.map((c, n) => (
              <span key={c.code}>
                {n > 0 && '、'}
                <a href={unitHref(c.code)}>{i.l(c.name)}</a>
              </span>
            ))}
          </p>
        </>
      )}
      {editing && (
        <EditUnit
          d={d}
          onDone={() => {
            setEditing(false);
            detail.reload();
            onChange();
          }}
        />
      )}
    </Card>
  );
}

function EditUnit({ d, onDone }: { d: UnitDetail; onDone: () => void }) {
  const i = useI18n();
  const [zh, setZh] = useState(d.unit.name.zh);
  const [en, setEn] = useState(d.unit.name.en);
  const [type, setType] = useState<string>(d.unit.type);
  const [active, setActive] = useState(d.unit.active);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: UnitPatchRequest = {
      name: { zh, en },
      type: type as UnitPatchRequest['type'] & string,
      active,
    };
    try {
      await post(`/api/units/${encodeURIComponent(d.unit.code)}`, body);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form class="subform" onSubmit={(e) => void submit(e)} data-testid="unit-edit-form">
      <div class="grid grid-2">
        <div class="field">
          <label class="field-label" for="unit-zh">
            {i.t('unitNameZh')}
          </label>
          <input
            id="unit-zh"
            class="input"
            value={zh}
            onInput={(e) => setZh((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label class="field-label" for="unit-en">
            {i.t('unitNameEn')}
          </label>
          <input
            id="unit-en"
            class="input"
            value={en}
            onInput={(e) => setEn((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label class="field-label" for="unit-type">
            {i.t('unitType')}
          </label>
          <select
            id="unit-type"
            class="input"
            value={type}
            onChange={(e) => setType((e.target as HTMLSelectElement).value)}
          >
            {Object.entries(i.vocab.unitTypes).map(([k, l]) => (
              <option key={k} value={k}>
                {i.l(l)}
              </option>
            ))}
          </select>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={active}
            onChange={(e) => setActive((e.target as HTMLInputElement).checked)}
          />{' '}
          {i.t('active')}
        </label>
      </div>
      <ErrorNote error={error} />
      <div class="form-actions">
        <button class="btn btn-primary" type="submit" data-testid="unit-save">
          {i.t('save')}
        </button>
      </div>
    </form>
  );
}

function NewUnit({ parent, onDone }: { parent: string | undefined; onDone: () => void }) {
  const i = useI18n();
  const [code, setCode] = useState('');
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [type, setType] = useState('government_organ');
  const [level, setLevel] = useState('county');
  const [error, setError] = useState<ApiError | null>(null);
  if (!parent) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: NewUnitRequest = {
      code,
      name: { zh, en },
      type: type as NewUnitRequest['type'],
      level: level as NewUnitRequest['level'],
      parentCode: parent,
    };
    try {
      await post<UnitPage>('/api/units', body);
      setError(null);
      setCode('');
      setZh('');
      setEn('');
      onDone();
      location.hash = unitHref(code);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <Card title={i.t('addChildUnit')}>
      <form onSubmit={(e) => void submit(e)} data-testid="unit-new-form">
        <div class="grid grid-2">
          <div class="field">
            <label class="field-label" for="new-unit-zh">
              {i.t('unitNameZh')}
            </label>
            <input
              id="new-unit-zh"
              class="input"
              value={zh}
              onInput={(e) => setZh((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label class="field-label" for="new-unit-en">
              {i.t('unitNameEn')}
            </label>
            <input
              id="new-unit-en"
              class="input"
              value={en}
              onInput={(e) => setEn((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label class="field-label" for="new-unit-code">
              {i.t('unitCode')}
            </label>
            <input
              id="new-unit-code"
              class="input mono"
              value={code}
              placeholder="county.a.town-x"
              onInput={(e) => setCode((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field inline-fields">
            <select
              class="input"
              aria-label={i.t('unitType')}
              value={type}
              onChange={(e) => setType((e.target as HTMLSelectElement).value)}
            >
              {Object.entries(i.vocab.unitTypes).map(([k, l]) => (
                <option key={k} value={k}>
                  {i.l(l)}
                </option>
              ))}
            </select>
            <select
              class="input"
              aria-label={i.t('unitLevel')}
              value={level}
              onChange={(e) => setLevel((e.target as HTMLSelectElement).value)}
            >
              {Object.entries(i.vocab.unitLevels).map(([k, l]) => (
                <option key={k} value={k}>
                  {i.l(l)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <ErrorNote error={error} />
        <div class="form-actions">
          <button class="btn btn-primary" type="submit">
            {i.t('addUnit')}
          </button>
        </div>
      </form>
    </Card>
  );
}

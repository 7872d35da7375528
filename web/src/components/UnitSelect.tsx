import type { UnitPage } from '../../../contract';
import { get } from '../api';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

let directory: Promise<UnitPage> | null = null;
/** The whole directory in tree order, once per page load (a city has a few hundred units). */
export function allUnits(): Promise<UnitPage> {
  directory ??= get<UnitPage>('/api/units?mine=false&limit=1000');
  directory.catch(() => {
    directory = null;
  });
  return directory;
}
export function forgetUnits(): void {
  directory = null;
}

/**
 * A unit chosen by its name: the directory in tree order, indented by level, so a county's
 * townships sit under it. The value sent is the code; nobody has to know one.
 */
export function UnitSelect(props: {
  id: string;
  name: string;
  value: string;
  onChange: (code: string) => void;
  /** only these units (e.g. a sending officer's own), else the whole directory */
  only?: string[];
  types?: string[];
  invalid?: boolean;
  disabled?: boolean;
}) {
  const i = useI18n();
  const units = useAsync(() => allUnits(), []);
  const depth = (level: string) => ({ city: 0, county: 1, township: 2, village: 3 })[level] ?? 0;
  const items = (units.data?.items ?? []).filter(
    (u) =>
      u.active &&
      (!props.only || props.only.includes(u.code)) &&
      (!props.types || props.types.includes(u.type)),
  );
  return (
    <select
      id={props.id}
      name={props.name}
      class="input"
      value={props.value}
      disabled={props.disabled}
      aria-invalid={props.invalid ? 'true' : undefined}
      onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
    >
      <option value="">{i.t('choose')}</option>
      {items.map((u) => (
        <option key={u.code} value={u.code}>
          {'\u3000'.repeat(depth(u.level))}
          {i.l(u.name)}
        </option>
      ))}
    </select>
  );
}

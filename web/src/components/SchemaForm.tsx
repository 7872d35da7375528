import type { JsonSchema } from '../api';
import { isoToLocal, localToIso } from '../format';
import { useI18n, type I18n } from '../i18n';

/*
 * Forms built from the JSON schemas of GET /api/meta/events (generated from the same zod schemas
 * that validate the request), so a form can never ask for less or other than the server accepts.
 * Supported: strings (text, long text, date, date-time, pattern), integers and numbers with bounds,
 * enums, booleans, nested objects and arrays. The server still validates; its `field` lands on the
 * same path here.
 */

export type FormValue = Record<string, unknown>;
export type FieldErrors = Record<string, string>;
export interface Choice {
  value: string;
  label: string;
}

const LONG_TEXT = new Set([
  'reason',
  'note',
  'summary',
  'feedback',
  'comment',
  'findings',
  'study',
  'work',
  'life',
  'thought',
  'portfolio',
  'task',
]);

const typeOf = (s: JsonSchema): string | undefined => {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  const alt = (s.anyOf ?? s.oneOf)?.find((x) => x.type !== 'null');
  return alt ? typeOf(alt) : undefined;
};
const effective = (s: JsonSchema): JsonSchema =>
  s.anyOf || s.oneOf ? ((s.anyOf ?? s.oneOf)?.find((x) => x.type !== 'null') ?? s) : s;

/** Starting values: booleans unchecked, nested objects present, everything else empty. */
export function initialValue(schema: JsonSchema): FormValue {
  const out: FormValue = {};
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const s = effective(raw);
    if (s.default !== undefined) out[name] = s.default;
    else if (typeOf(s) === 'boolean') out[name] = false;
    else if (typeOf(s) === 'object') out[name] = initialValue(s);
    else if (typeOf(s) === 'array') out[name] = [];
  }
  return out;
}

/** A scalar form value as an input's text (objects never reach a text input). */
const scalar = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (typeof v === 'number' && Number.isNaN(v));

/** Drops empty optional values so the server sees only what was entered. */
export function cleanValue(schema: JsonSchema, value: unknown): unknown {
  const s = effective(schema);
  const type = typeOf(s);
  if (type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    const out: FormValue = {};
    const required = new Set(s.required ?? []);
    for (const [name, sub] of Object.entries(s.properties ?? {})) {
      const v = cleanValue(sub, (value as FormValue)[name]);
      const emptyObject =
        typeOf(effective(sub)) === 'object' &&
        v !== null &&
        typeof v === 'object' &&
        Object.keys(v).length === 0 &&
        !required.has(name);
      if (isEmpty(v) || emptyObject) continue;
      out[name] = v;
    }
    return out;
  }
  if (type === 'array' && Array.isArray(value)) return value.map((x) => cleanValue(s.items ?? {}, x));
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  return value;
}

/** The checks a person should hear about before sending (the server repeats all of them). */
export function validate(schema: JsonSchema, value: unknown, i: I18n, path = ''): FieldErrors {
  const errors: FieldErrors = {};
  const s = effective(schema);
  const type = typeOf(s);
  if (type === 'object') {
    const v = (value ?? {}) as FormValue;
    const required = new Set(s.required ?? []);
    for (const [name, sub] of Object.entries(s.properties ?? {})) {
      const p = path ? `${path}.${name}` : name;
      const x = v[name];
      if (isEmpty(x)) {
        if (required.has(name)) errors[p] = name === 'reason' ? i.t('reasonRequired') : i.t('required');
        continue;
      }
      Object.assign(errors, validate(sub, x, i, p));
    }
    return errors;
  }
  if (type === 'array' && Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems)
      errors[path] = i.t('tooSmall', { n: s.minItems });
    value.forEach((x, idx) => Object.assign(errors, validate(s.items ?? {}, x, i, `${path}.${idx}`)));
    return errors;
  }
  if ((type === 'integer' || type === 'number') && typeof value === 'number') {
    if (Number.isNaN(value) || (type === 'integer' && !Number.isInteger(value)))
      errors[path] = i.t('invalidNumber');
    else if (s.minimum !== undefined && value < s.minimum) errors[path] = i.t('tooSmall', { n: s.minimum });
    else if (s.maximum !== undefined && value > s.maximum) errors[path] = i.t('tooLarge', { n: s.maximum });
    return errors;
  }
  if (type === 'string' && typeof value === 'string') {
    const len = [...value.trim()].length;
    if (s.minLength !== undefined && len < s.minLength)
      errors[path] = path.endsWith('reason') ? i.t('reasonRequired') : i.t('tooShort', { n: s.minLength });
    else if (s.maxLength !== undefined && len > s.maxLength)
      errors[path] = i.t('tooLong', { n: s.maxLength });
    else if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) errors[path] = i.t('badFormat');
  }
  return errors;
}

/** A server error's `field` (body.x.y, intervention.payload.x) as a path of this form. */
export function formPath(field: string | undefined): string | undefined {
  return field?.replace(/^(body|intervention\.payload|payload)\.?/, '') || undefined;
}

interface FieldsProps {
  schema: JsonSchema;
  value: FormValue;
  onChange: (v: FormValue) => void;
  errors: FieldErrors;
  path?: string;
  /** fields rendered as a choice of these options (e.g. dutyId: the case's open duties) */
  choices?: Record<string, Choice[]>;
  /** fields left out (filled in by the caller) */
  hidden?: string[];
  idPrefix: string;
}

export function SchemaFields(props: FieldsProps) {
  const i = useI18n();
  const { schema, value, onChange, errors, path = '' } = props;
  const required = new Set(schema.properties ? (schema.required ?? []) : []);
  const names = Object.keys(schema.properties ?? {}).filter((n) => !props.hidden?.includes(n));
  // The reason goes last: it sums up what was entered above it.
  names.sort((a, b) => (a === 'reason' ? 1 : 0) - (b === 'reason' ? 1 : 0));
  return (
    <>
      {names.map((name) => {
        const sub = effective(schema.properties?.[name] ?? {});
        const p = path ? `${path}.${name}` : name;
        const id = `${props.idPrefix}-${p.replace(/\./g, '-')}`;
        const set = (v: unknown) => onChange({ ...value, [name]: v });
        const error = errors[p];
        const label = (
          <label for={id} class="field-label">
            {i.field(name)}
            {required.has(name) && (
              <span class="req" aria-label={i.t('required')}>
                *
              </span>
            )}
          </label>
        );
        const errorLine = error ? (
          <div class="field-error" role="alert" data-field={p}>
            {error}
          </div>
        ) : null;
        const type = typeOf(sub);
        if (type === 'object') {
          return (
            <fieldset key={name} class="subform">
              <legend>{i.field(name)}</legend>
              <SchemaFields
                {...props}
                schema={sub}
                value={(value[name] as FormValue | undefined) ?? {}}
                onChange={(v) => set(v)}
                path={p}
              />
              {errorLine}
            </fieldset>
          );
        }
        if (type === 'array') {
          const items = (value[name] as unknown[] | undefined) ?? [];
          const itemSchema = effective(sub.items ?? {});
          return (
            <fieldset key={name} class="subform">
              <legend>{i.field(name)}</legend>
              {items.map((item, idx) => (
                <div class="array-item" key={idx}>
                  {typeOf(itemSchema) === 'object' ? (
                    <SchemaFields
                      {...props}
                      schema={itemSchema}
                      value={(item as FormValue) ?? {}}
                      onChange={(v) => set(items.map((x, j) => (j === idx ? v : x)))}
                      path={`${p}.${idx}`}
                    />
                  ) : (
                    <input
                      class="input"
                      value={scalar(item)}
                      onInput={(e) => set(items.map((x, j) => (j === idx ? e.currentTarget.value : x)))}
                    />
                  )}
                  <button
                    type="button"
                    class="btn btn-small"
                    onClick={() => set(items.filter((_x, j) => j !== idx))}
                  >
                    {i.t('removeItem')}
                  </button>
                </div>
              ))}
              <button
                type="button"
                class="btn btn-small"
                onClick={() =>
                  set([...items, typeOf(itemSchema) === 'object' ? initialValue(itemSchema) : ''])
                }
              >
                {i.t('addItem')}
              </button>
              {errorLine}
            </fieldset>
          );
        }
        let control;
        const choices = props.choices?.[p];
        const current = value[name];
        if (choices || sub.enum) {
          const opts: Choice[] =
            choices ?? (sub.enum ?? []).map((v) => ({ value: String(v), label: i.enumValue(String(v)) }));
          control = (
            <select
              id={id}
              name={p}
              class="input"
              value={scalar(current)}
              onChange={(e) => {
                const raw = e.currentTarget.value;
                const original = sub.enum?.find((x) => String(x) === raw);
                set(raw === '' ? undefined : (original ?? raw));
              }}
            >
              <option value="">—</option>
              {opts.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          );
        } else if (type === 'boolean') {
          return (
            <div class="field field-check" key={name}>
              <label class="check">
                <input
                  id={id}
                  name={p}
                  type="checkbox"
                  checked={current === true}
                  onChange={(e) => set(e.currentTarget.checked)}
                />
                {i.field(name)}
              </label>
              {errorLine}
            </div>
          );
        } else if (type === 'integer' || type === 'number') {
          control = (
            <input
              id={id}
              name={p}
              class="input"
              type="number"
              step={type === 'integer' ? 1 : 'any'}
              min={sub.minimum}
              max={sub.maximum !== undefined && sub.maximum < 1e12 ? sub.maximum : undefined}
              value={typeof current === 'number' && !Number.isNaN(current) ? current : ''}
              onInput={(e) => {
                const raw = e.currentTarget.value;
                set(raw === '' ? undefined : Number(raw));
              }}
            />
          );
        } else if (sub.format === 'date') {
          control = (
            <input
              id={id}
              name={p}
              class="input"
              type="date"
              value={(current as string) ?? ''}
              onInput={(e) => set(e.currentTarget.value)}
            />
          );
        } else if (sub.format === 'date-time') {
          control = (
            <input
              id={id}
              name={p}
              class="input"
              type="datetime-local"
              step={1}
              value={typeof current === 'string' && current ? isoToLocal(current) : ''}
              onInput={(e) => set(localToIso(e.currentTarget.value))}
            />
          );
        } else if (LONG_TEXT.has(name) || (sub.maxLength ?? 0) > 500) {
          control = (
            <textarea
              id={id}
              name={p}
              class="input"
              rows={name === 'reason' ? 3 : 2}
              maxLength={sub.maxLength}
              value={(current as string) ?? ''}
              onInput={(e) => set(e.currentTarget.value)}
            />
          );
        } else {
          control = (
            <input
              id={id}
              name={p}
              class="input"
              maxLength={sub.maxLength}
              value={(current as string) ?? ''}
              onInput={(e) => set(e.currentTarget.value)}
            />
          );
        }
        return (
          <div class={`field ${error ? 'has-error' : ''}`} key={name}>
            {label}
            {control}
            {errorLine}
          </div>
        );
      })}
    </>
  );
}

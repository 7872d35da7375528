import { notifyTemplates } from '../machines/secondment';
import { roundTemplates } from '../machines/round';
import type { Locale } from '../store';
import type { MailNames } from './names';
import { fallbackTemplate, notificationTemplates, type MailText } from './templates';

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function fill(text: string, vars: Record<string, unknown>): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => show(vars[name]));
}

/** The machines' own texts (`{name}` placeholders), zh-CN and English. */
const MACHINE_TEXTS: Record<string, { zh: string; en: string }> = { ...notifyTemplates, ...roundTemplates };

const NO_NAMES: MailNames = { cadreName: null, unit: () => undefined };

/**
 * A notification as mail in the recipient's language. Unit codes among the variables become unit
 * names and a case's mail names its cadre (the subject and the first line); a template the
 * delivery side has no text for is written from the machine's own text, or, failing that, lists
 * every variable so nothing is lost.
 */
export function renderNotification(
  template: string,
  locale: Locale,
  vars: Record<string, unknown>,
  context: { caseId: string | null; subject?: string | null },
  names: MailNames = NO_NAMES,
): MailText {
  const named: Record<string, unknown> = Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? (names.unit(v, locale) ?? v) : v]),
  );
  const caseId = show(vars['caseId'] ?? context.caseId ?? context.subject);
  const all = { ...named, caseId, cadreName: names.cadreName ?? '—' };
  const about = names.cadreName
    ? locale === 'en'
      ? `${names.cadreName} (case ${caseId}): `
      : `${names.cadreName}（案件 ${caseId}）：`
    : '';
  const texts = notificationTemplates[template];
  if (texts) {
    const mail = { subject: fill(texts[locale].subject, all), body: fill(texts[locale].body, all) };
    return names.cadreName
      ? { subject: `${mail.subject} · ${names.cadreName}`, body: `${about}\n${mail.body}` }
      : mail;
  }
  const machine = MACHINE_TEXTS[template];
  if (machine) {
    const text = (locale === 'en' ? machine.en : machine.zh).replace(/\{(\w+)\}/g, (_, name: string) =>
      show(all[name as keyof typeof all]),
    );
    const prefix = locale === 'en' ? '[Secondment] ' : '【挂职锻炼】';
    return {
      subject: `${prefix}${names.cadreName ? `${names.cadreName}：` : ''}${text.slice(0, 60)}`,
      body: `${about}${text}`,
    };
  }
  const fallback = fallbackTemplate[locale];
  const lines = Object.keys(vars)
    .sort()
    .map((key) => `- ${key}: ${show(named[key])}`);
  return {
    subject: fill(fallback.subject, { ...all, template }),
    body: [fill(fallback.intro, { ...all, template }), ...lines].join('\n'),
  };
}

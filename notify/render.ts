import type { Locale } from '../store';
import { fallbackTemplate, notificationTemplates, type MailText } from './templates';

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function fill(text: string, vars: Record<string, unknown>): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => show(vars[name]));
}

export function renderNotification(
  template: string,
  locale: Locale,
  vars: Record<string, unknown>,
  context: { caseId: string },
): MailText {
  const all = { ...vars, caseId: vars['caseId'] ?? context.caseId };
  const texts = notificationTemplates[template];
  if (texts) return { subject: fill(texts[locale].subject, all), body: fill(texts[locale].body, all) };
  const fallback = fallbackTemplate[locale];
  const lines = Object.keys(vars)
    .sort()
    .map((key) => `- ${key}: ${show(vars[key])}`);
  return {
    subject: fill(fallback.subject, { ...all, template }),
    body: [fill(fallback.intro, { ...all, template }), ...lines].join('\n'),
  };
}

// How offices write dates, ages, party standing and categories on personnel forms. Pure string
// work on the input's own dates: nothing here reads the clock.
import { categoryLabels, gradeLabels, kindLabels, rankLabels } from '../machines/secondment';
import type { Category, Grade, Kind, Rank } from '../machines/secondment';
import type { Education, PartyMembership, Person, Post, Term } from './inputs';

const parts = (isoDate: string): [number, number, number] => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
};

/** 2026年8月1日 */
export const dateZh = (isoDate: string): string => {
  const [y, m, d] = parts(isoDate);
  return `${y}年${m}月${d}日`;
};

/** 1990.03 — the form's 出生年月 / 入党时间 / 参加工作时间 style. */
export const yearMonthDot = (isoDateOrMonth: string): string => {
  const [y, m] = isoDateOrMonth.split('-');
  return `${y}.${m}`;
};

/** Full years between birth and a date (both ISO dates). */
export const ageOn = (birthDate: string, onDate: string): number => {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(onDate);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

export const termZh = (term: Term): string => `${dateZh(term.start)}至${dateZh(term.end)}`;

export const genderZh = (g: Person['gender']): string => (g === 'male' ? '男' : '女');

/** 政治面貌: 中共党员, the democratic party, 无党派人士, or 群众. */
export const partyZh = (p: PartyMembership): string =>
  p.status === 'cpc' ? '中共党员' : (p.party ?? '群众');

/** 入党时间: the CPC joining month, or the democratic party's with its name. */
export const partyJoinedZh = (p: PartyMembership): string => {
  if (p.joinedOn === undefined) return '';
  if (p.status === 'cpc') return yearMonthDot(p.joinedOn);
  return p.party === undefined ? yearMonthDot(p.joinedOn) : `${yearMonthDot(p.joinedOn)}（${p.party}）`;
};

export const isNonCpc = (p: PartyMembership): boolean => p.status === 'non_cpc';

export const rankZh = (r: Rank): string => rankLabels[r].zh;
export const kindZh = (k: Kind): string => kindLabels[k].zh;
export const gradeZh = (g: Grade): string => gradeLabels[g].zh;
export const categoryZh = (c: Category): string => categoryLabels[c].zh;

/** 类别 on the round list: 选调生、县级后备干部 … and 党外 when not a CPC member. */
export const categoriesZh = (person: Person): string => {
  const labels = person.categories.map(categoryZh);
  if (isNonCpc(person.partyMembership)) labels.push('党外干部');
  return labels.join('、');
};

/** 学历学位: level, then degree. */
export const educationLevelZh = (e: Education | undefined): string =>
  e === undefined ? '' : [e.level, e.degree].filter((x) => x !== undefined).join('\n');

/** 毕业院校系及专业 */
export const educationSchoolZh = (e: Education | undefined): string => {
  if (e === undefined) return '';
  const major = e.major === undefined ? '' : e.major.endsWith('专业') ? e.major : `${e.major}专业`;
  return `${e.school ?? ''}${major}`;
};

/** 挂职单位及职务: the unit, the post, and whether it must be elected. */
export const postAtUnitZh = (unitName: string, post: Post | null): string =>
  post === null ? `${unitName}（职务待定）` : `${unitName}${post.title}（挂职）`;

export const gradeChoicesZh = (chosen: Grade | null): string =>
  (['excellent', 'competent', 'basically_competent', 'incompetent'] as const)
    .map((g) => `${g === chosen ? '■' : '□'} ${gradeZh(g)}`)
    .join('　　');

/** Scores print with at most two decimals, without trailing zeros. */
export const scoreZh = (n: number): string => String(Math.round(n * 100) / 100);

/** 48.1% */
export const percent = (part: number, whole: number): string =>
  whole === 0 ? '—' : `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 30 → 三十, 365 → 三百六十五 (letters write the validity in words). */
export const numberZh = (n: number): string => {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  const rest = n % 100;
  const tail =
    rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${numberZh(rest)}` : numberZh(rest);
  return `${DIGITS[Math.floor(n / 100)]}百${tail}`;
};

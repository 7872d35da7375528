// The holiday calendar (节假日安排) over HTTP: the stored years, and an org admin loading a year from
// the State Council's annual notice, which re-plans the open cases' deadlines of that year.
import { z } from 'zod';
import { holidayYearSchema, makeupWorkdaySchema, holidayRangeSchema } from '../machines/calendar';
import { bulkOutcomeSchema } from './bulk';
import { storableText } from './text';

export const calendarYearSchema = z.object({
  year: z.number().int(),
  version: z.number().int(),
  source: z.string(),
  holidays: z.array(holidayRangeSchema),
  workdays: z.array(makeupWorkdaySchema),
  loadedBy: z.string(),
  /** null: shipped with the repository, not written to the database yet */
  loadedAt: z.string().nullable(),
});
export type CalendarYearEntry = z.infer<typeof calendarYearSchema>;

/** GET /api/calendar: every stored version of every year, newest first. */
export const calendarListSchema = z.object({
  years: z.array(calendarYearSchema),
  /** the highest year with a table: deadlines after it are provisional */
  lastYear: z.number().int().nullable(),
});
export type CalendarList = z.infer<typeof calendarListSchema>;

/** POST /api/calendar (org admin): one year as the notice gives it, and where it comes from. */
export const calendarLoadBodySchema = z
  .object({
    table: holidayYearSchema,
    /** the notice, e.g. 国办发明电〔2026〕7号 */
    source: storableText(2, 200, 'source: 须注明来源（通知文号） / name the notice'),
  })
  .strict();
export type CalendarLoadBody = z.input<typeof calendarLoadBodySchema>;

/** The stored year and the re-plan run over the open cases (one calendar.update each). */
export const calendarLoadAnswerSchema = z.object({
  loaded: calendarYearSchema,
  replan: z.object({
    /** open v2 cases (all departments: the table is the country's) */
    considered: z.number().int(),
    changed: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    /** the outcome per case, for the cases in your scope */
    items: z.array(bulkOutcomeSchema),
  }),
});
export type CalendarLoadAnswer = z.infer<typeof calendarLoadAnswerSchema>;

/** POST /api/calendar/:year/replan: the re-plan run again (after a failure), with the year's newest table. */
export const calendarYearParamSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const calendarReplanAnswerSchema = calendarLoadAnswerSchema.shape.replan.extend({
  year: z.number().int(),
  version: z.number().int(),
});
export type CalendarReplanAnswer = z.infer<typeof calendarReplanAnswerSchema>;

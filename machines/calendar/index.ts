// Working days as data: holiday tables per year (法定节假日 and 调休), versioned, pure arithmetic.
export {
  holidayYearSchema,
  holidayRangeSchema,
  makeupWorkdaySchema,
  datesBetween,
  type HolidayYear,
  type HolidayYearInput,
} from './holidays';
export {
  calendarSchema,
  calendarYearSchema,
  compactYear,
  calendarFor,
  type Calendar,
  type CalendarYear,
} from './table';
export {
  addWorkingDays,
  workingDaysBetween,
  calendarVersionOf,
  dayRule,
  isWorkingDay,
  type Counted,
} from './workdays';
export { SHIPPED_SOURCE, SHIPPED_YEARS, shippedCalendar } from './shipped';

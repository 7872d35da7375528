// TEST FIXTURE, not the State Council's notice: a realistic 2027 holiday table (元旦, 春节 7 days,
// 清明, 五一 5 days, 端午, 中秋, 国庆 7 days and their 调休 weekend workdays) for testing what happens
// when an org admin loads a year the repository does not ship. The real 2027 notice may differ.
import type { HolidayYearInput } from '../../../machines/calendar';

export const FIXTURE_2027: HolidayYearInput = {
  year: 2027,
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-12' },
    { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
    { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
    { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  workdays: [
    { date: '2027-01-31', name: '春节' },
    { date: '2027-02-20', name: '春节' },
    { date: '2027-04-25', name: '劳动节' },
    { date: '2027-05-08', name: '劳动节' },
    { date: '2027-09-26', name: '国庆节' },
    { date: '2027-10-09', name: '国庆节' },
  ],
};

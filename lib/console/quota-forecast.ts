/**
 * The audit quota forecast: at the pace of this month so far, the day the monthly submissions run out. Pure (the page
 * and its test share it). Days are China calendar days ("YYYY-MM-DD"), as the platform counts its months.
 */
export type QuotaForecast = { perDay: number; runsOutOn: string | null; lastsTheMonth: boolean };

/** `used`/`left` are the platform's own numbers; `today` is the 1-based day of the month, `daysInMonth` its length. */
export function forecastQuota(input: { used: number; left: number; month: string; today: number; daysInMonth: number }): QuotaForecast {
  const perDay = input.today > 0 ? input.used / input.today : 0;
  if (input.left <= 0) return { perDay, runsOutOn: `${input.month}-${String(input.today).padStart(2, "0")}`, lastsTheMonth: false };
  if (perDay === 0) return { perDay, runsOutOn: null, lastsTheMonth: true };
  // The day on which the running total passes the limit: today, plus the whole days the rest lasts at this pace.
  const day = input.today + Math.ceil(input.left / perDay);
  if (day > input.daysInMonth) return { perDay, runsOutOn: null, lastsTheMonth: true };
  return { perDay, runsOutOn: `${input.month}-${String(day).padStart(2, "0")}`, lastsTheMonth: false };
}

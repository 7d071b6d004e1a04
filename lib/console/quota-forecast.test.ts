import { describe, expect, it } from "vitest";
import { forecastQuota } from "./quota-forecast";

describe("the audit quota forecast", () => {
  it("names the day the running pace passes the limit", () => {
    // 10 used in 10 days, 3 left: one a day, gone at the end of the 13th.
    expect(forecastQuota({ used: 10, left: 3, month: "2026-12", today: 10, daysInMonth: 31 })).toEqual({ perDay: 1, runsOutOn: "2026-12-13", lastsTheMonth: false });
  });

  it("says the quota lasts the month when the pace does not reach the limit, or nothing was spent", () => {
    expect(forecastQuota({ used: 2, left: 18, month: "2026-12", today: 10, daysInMonth: 31 })).toMatchObject({ runsOutOn: null, lastsTheMonth: true });
    expect(forecastQuota({ used: 0, left: 20, month: "2026-12", today: 1, daysInMonth: 31 })).toEqual({ perDay: 0, runsOutOn: null, lastsTheMonth: true });
  });

  it("says it ran out today when nothing is left", () => {
    expect(forecastQuota({ used: 20, left: 0, month: "2026-02", today: 5, daysInMonth: 28 })).toMatchObject({ runsOutOn: "2026-02-05", lastsTheMonth: false });
  });
});

import { describe, expect, it } from "vitest";
import { parseFleetFilter, parseKind, parseSelection } from "@/components/jobs/fleet-params";
import { fleetQuery, MAX_IDS_IN_URL, wizardHref } from "@/components/jobs/fleet-query";
import { EMPTY, filterKeyOf, forFilter, isSelected, selectAllMatching, selectedCount, setRows, toJobSelection } from "@/components/tenants/selection";

/**
 * The selection's trip from the tenant list to the wizard: the model behind the checkboxes, the address it becomes,
 * and what the wizard reads back (also what the fleet board's "bring up to date" link gives it).
 */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const search = (href: string) => Object.fromEntries(new URL(href, "http://console.test").searchParams);

describe("the list's selection", () => {
  it("picks ids across pages, and 'all matching' minus the rows unticked since", () => {
    let s = setRows(EMPTY, [id(1), id(2), id(3)], true);
    s = setRows(s, [id(2)], false);
    expect(selectedCount(s, 500)).toBe(2);
    expect(toJobSelection(s, 500)).toEqual({ tenantIds: [id(1), id(3)] });

    const filter = { tag: "零售", driftFrom: 12 };
    let all = selectAllMatching(filter);
    all = setRows(all, [id(7)], false);
    expect([isSelected(all, id(7)), isSelected(all, id(8))]).toEqual([false, true]);
    expect(selectedCount(all, 500)).toBe(499);
    expect(toJobSelection(all, 500)).toEqual({ filter, except: [id(7)] });
    // "All matching" belongs to its filter; picked ids survive a new search.
    expect(forFilter(all, filterKeyOf({ tag: "餐饮" }))).toEqual(EMPTY);
    expect(forFilter(s, filterKeyOf({ tag: "餐饮" }))).toBe(s);
    expect(filterKeyOf({ driftFrom: 12, tag: "零售" })).toBe(all.mode === "filter" ? all.filterKey : null);
    expect(toJobSelection(EMPTY, 500)).toBeNull();
  });
});

describe("the wizard's address", () => {
  it("carries a small pick as ids and reads it back", () => {
    const stashed: string[] = [];
    const href = wizardHref("pipeline", { tenantIds: [id(1), id(2)] }, (v) => stashed.push(v));
    expect(stashed).toEqual([]);
    const params = search(href);
    expect(parseKind(params)).toBe("pipeline");
    expect(parseSelection(params)).toEqual({ tenantIds: [id(1), id(2)] });
  });

  it("stashes a pick too long for an address", () => {
    const stashed: string[] = [];
    const ids = Array.from({ length: MAX_IDS_IN_URL + 1 }, (_, i) => id(i));
    const href = wizardHref("release", { tenantIds: ids }, (v) => stashed.push(v));
    expect(parseSelection(search(href))).toBe("stash");
    expect(JSON.parse(stashed[0]!)).toEqual({ tenantIds: ids });
  });

  it("carries 'all matching' as the filter, all=1 and the exceptions", () => {
    const filter = { status: "authorized" as const, accountId: id(9), gray: true, liveTemplateId: 3, auditState: "approved" as const };
    const href = wizardHref("gray", { filter, except: [id(4)] }, () => undefined);
    expect(search(href)).toMatchObject({ all: "1", account: id(9), gray: "1", except: id(4) });
    expect(parseSelection(search(href))).toEqual({ filter, except: [id(4)] });
    // Everything: no filter at all still says so.
    expect(parseSelection(search(wizardHref("refresh_versions", { filter: {}, except: [] }, () => undefined)))).toEqual({ filter: {}, except: [] });
  });

  it("takes the fleet board's link (a filter, no all=1) and ignores what is malformed", () => {
    expect(parseSelection({ kind: "pipeline", driftFrom: "12", accountId: id(2) })).toEqual({ filter: { driftFrom: 12, accountId: id(2) }, except: [] });
    expect(parseFleetFilter({ status: "sleeping", driftFrom: "-1", gray: "yes", tag: "零售", auditState: "none" })).toEqual({ tag: "零售", auditState: "none" });
    expect(parseSelection({ ids: "not-an-id," + id(5) })).toEqual({ tenantIds: [id(5)] });
    expect(parseSelection({ kind: "commit" })).toBeNull();
    expect(parseKind({ kind: "explode" })).toBeNull();
    expect(fleetQuery({ q: "鲜果", gray: false }).toString()).toBe(new URLSearchParams({ q: "鲜果" }).toString());
  });
});

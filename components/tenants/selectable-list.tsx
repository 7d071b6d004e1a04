"use client";

import { useMemo } from "react";
import type { FleetTenantRow } from "@/lib/console/tenant-selection";
import type { FleetFilter } from "@/lib/jobs/params";
import { filterKeyOf, selectedCount } from "./selection";
import { SelectionBar } from "./selection-bar";
import { TenantTable } from "./tenant-table";
import { useTenantSelection } from "./use-tenant-selection";

/** The list's page and its selection bar, sharing one selection (kept across pages in the tab's session storage). */
export function SelectableTenantList(props: {
  rows: FleetTenantRow[];
  filter: FleetFilter;
  total: number;
  showAccount: boolean;
  sandboxAccountIds: string[];
  canOperate: boolean;
}) {
  const filterKey = useMemo(() => filterKeyOf(props.filter), [props.filter]);
  const [selection, setSelection] = useTenantSelection(filterKey);
  const pageIds = useMemo(() => props.rows.map((r) => r.id), [props.rows]);
  return (
    <>
      <TenantTable
        rows={props.rows}
        showAccount={props.showAccount}
        sandboxAccountIds={props.sandboxAccountIds}
        canOperate={props.canOperate}
        selection={selection}
        onSelection={setSelection}
      />
      {selectedCount(selection, props.total) > 0 ? (
        <SelectionBar selection={selection} onSelection={setSelection} filter={props.filter} total={props.total} pageIds={pageIds} canOperate={props.canOperate} />
      ) : null}
    </>
  );
}

"use client";

import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { SandboxSnapshot } from "@/lib/sandbox/control-state";
import { FormAlert } from "@/components/ui/form-alert";
import { AuthorizersCard } from "./authorizers-card";
import { CountersCard } from "./counters-card";
import { FaultsCard } from "./faults-card";
import { LatencyCard } from "./latency-card";
import { PlatformsCard } from "./platforms-card";
import { QuotaCard } from "./quota-card";
import { SettingsCard } from "./settings-card";
import { useDebounced } from "@/lib/hooks/use-debounced";
import { useSandboxState } from "@/lib/hooks/use-sandbox";
import { WorldCard } from "./world-card";

export function SandboxConsole({ initial }: { initial: SandboxSnapshot }) {
  const t = useTranslations("sandbox");
  const format = useFormatter();
  const [filter, setFilter] = useState("");
  const query = useSandboxState(useDebounced(filter.trim()), initial);
  const state = query.data ?? initial;
  // Ages are measured against the snapshot's own time, so server and browser render the same text.
  const now = new Date(state.generated_at);
  return (
    <div className="grid gap-6">
      <p className="-mt-3 text-xs text-muted-foreground" data-testid="sandbox-updated">
        {t("updated", { time: format.dateTime(now, { timeStyle: "medium" }) })}
      </p>
      {query.isError ? <FormAlert>{t("loadFailed")}</FormAlert> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <PlatformsCard platforms={state.platforms} now={now} />
        <WorldCard pushes={state.pushes} platforms={state.platforms} />
      </div>
      <AuthorizersCard
        authorizers={state.authorizers}
        total={state.authorizers_total}
        filter={filter}
        onFilter={setFilter}
        loading={query.isFetching && query.isPlaceholderData}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <CountersCard counters={state.counters} />
        <FaultsCard faults={state.faults} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <LatencyCard latency={state.settings.latency} />
        <SettingsCard settings={state.settings} />
      </div>
      <QuotaCard platforms={state.platforms.map((p) => ({ id: p.component_appid, name: p.name }))} />
    </div>
  );
}

"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Search } from "lucide-react";
import { searchMiniProgramsAction } from "@/app/sandbox/authorize/actions";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SEARCH_LIMIT } from "@/lib/sandbox/authorize-catalog";
import type { AuthorizerChoice } from "@/lib/sandbox/authorize";
import { cn } from "@/lib/utils/cn";
import type { HiddenRequest } from "./types";

/**
 * A searchable single choice: a search box above a radio group. Native radios keep it keyboard accessible (Tab into
 * the group, arrows to move, Space to choose). A platform may have thousands of mini-programs, so the search asks
 * the server; the chosen appid is kept in its own field so a later search does not lose it.
 */
export function MiniProgramPicker({
  request,
  initial,
  restricted,
  errors,
}: {
  request: HiddenRequest;
  initial: AuthorizerChoice[];
  restricted: boolean;
  errors?: string[];
}) {
  const t = useTranslations("sandboxAuthorize");
  const [query, setQuery] = useState("");
  const [items, setItems] = useState(initial);
  const [selected, setSelected] = useState<AuthorizerChoice | null>(restricted ? (initial[0] ?? null) : null);
  const [searching, startSearch] = useTransition();
  const latest = useRef(0);

  useEffect(() => {
    if (restricted) return;
    const term = query.trim();
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      startSearch(async () => {
        const result = term ? await searchMiniProgramsAction({ ...request, q: term }) : { ok: true as const, data: initial };
        // Answers can arrive out of order; only the latest search may fill the list.
        if (ticket === latest.current && result.ok) setItems(result.data);
      });
    }, term ? 250 : 0);
    return () => clearTimeout(timer);
  }, [query, request, initial, restricted]);

  const errorId = "appid-error";
  const status = searching
    ? t("searching")
    : items.length === 0
      ? query.trim()
        ? t("noResults", { query: query.trim() })
        : t("noMiniPrograms")
      : items.length >= SEARCH_LIMIT
        ? t("resultsLimited", { count: SEARCH_LIMIT })
        : "";

  return (
    <div className="grid gap-2">
      <input type="hidden" name="appid" value={selected?.appid ?? ""} />
      {restricted ? null : (
        <div className="grid gap-1.5">
          <Label htmlFor="mini-program-search">{t("search")}</Label>
          <div className="relative">
            <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden />
            <Input
              id="mini-program-search"
              type="search"
              className="pl-8"
              placeholder={t("searchPlaceholder")}
              value={query}
              autoComplete="off"
              onChange={(event) => setQuery(event.target.value)}
              // Enter here means "search", not "authorize".
              onKeyDown={(event) => event.key === "Enter" && event.preventDefault()}
            />
          </div>
        </div>
      )}
      <fieldset className="min-w-0" aria-describedby={errors?.length ? errorId : undefined} aria-invalid={errors?.length ? true : undefined}>
        <legend className="sr-only">{t("miniProgramList")}</legend>
        <ul className={cn("max-h-72 divide-y divide-border overflow-y-auto rounded-md border", errors?.length ? "border-destructive" : "border-border")}>
          {items.map((item) => (
            <li key={item.appid}>
              <label className="flex cursor-pointer items-center gap-3 px-3 py-2.5 hover:bg-muted has-[:checked]:bg-accent has-[:focus-visible]:outline-2 has-[:focus-visible]:-outline-offset-2 has-[:focus-visible]:outline-ring">
                <input
                  type="radio"
                  name="appid-choice"
                  value={item.appid}
                  checked={selected?.appid === item.appid}
                  onChange={() => setSelected(item)}
                  className="accent-[#07a153]"
                />
                <span className="grid size-9 shrink-0 place-items-center rounded-full bg-secondary text-sm font-semibold text-muted-foreground" aria-hidden>
                  {item.nickname.slice(0, 1)}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium">{item.nickname}</span>
                  <span className="block truncate text-xs text-muted-foreground">
                    {item.principalName} · <span className="font-mono">{item.appid}</span>
                  </span>
                </span>
                <Badge variant={item.authorized ? "default" : "secondary"}>{item.authorized ? t("alreadyAuthorized") : t("notAuthorized")}</Badge>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p className="min-h-4 text-xs text-muted-foreground" aria-live="polite">
        {status}
      </p>
      {selected && !restricted && !items.some((item) => item.appid === selected.appid) ? (
        <p className="text-xs">{t("selected", { name: selected.nickname })}</p>
      ) : null}
      {errors?.length ? (
        <p id={errorId} className="text-xs text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

"use client";

import { useCallback, useState, useTransition, type FormEvent } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/result";
import { resultSteps, ridLookupHref, type ResultHandling } from "./action-result";

export type { ResultHandling } from "./action-result";

export type ActionOptions = {
  /**
   * What to re-read once an action has answered: by default the page (router.refresh()); the Sandbox page re-reads
   * its query instead; false where nothing on the page depends on it (sign-in: a success leaves the page).
   */
  settle?: (() => void | Promise<void>) | false;
  /** False where the form shows its error in place and nothing else (sign-in, setup, the emulated consent page). */
  toastErrors?: boolean;
};

/**
 * The one way a form or a button handles a server action's result: a pending flag; the field errors next to their
 * fields and a form-level error (`formError`, when no field is to blame); a toast for every result; the form emptied
 * on success when asked; then the page re-read, so what is shown matches the server (rules: resultSteps).
 *
 *   const { submit, pending, fieldErrors, formError } = useAction();
 *   <form onSubmit={submit(createOperatorAction, { success: (d) => t("created", d), reset: true })}>
 *
 *   const { run, pending } = useAction();
 *   <Button onClick={() => run(() => checkAuditAction({ tenantId }), { success: (d) => t("done", d) })}>
 *
 * Submitting does not use React's automatic form reset: a refused submission keeps what the person typed.
 */
export function useAction(options: ActionOptions = {}) {
  const router = useRouter();
  const pathname = usePathname();
  const t = useTranslations("quota");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const { settle: settleOption, toastErrors = true } = options;

  const run = useCallback(
    <T>(work: () => Promise<ActionResult<T>>, handling: ResultHandling<T> = {}, form: HTMLFormElement | null = null) =>
      startTransition(async () => {
        const answer = await work();
        // An action that redirected (sign-in) resolves without a result: the browser is leaving.
        if (!answer) return;
        setResult(answer);
        const steps = resultSteps(answer, handling, { toastErrors, settle: settleOption !== false });
        if (steps.toast) {
          // A platform refusal names its rid: the toast offers to look up what the platform saw.
          const rid = !answer.ok ? answer.rid : null;
          const lookUp = rid ? { description: `rid: ${rid}`, action: { label: t("toastLookUp"), onClick: () => router.push(ridLookupHref(rid, pathname)) } } : undefined;
          toast[steps.toast.kind](steps.toast.text, lookUp);
        }
        if (steps.reset) form?.reset();
        if (answer.ok) handling.onSuccess?.(answer.data, form);
        if (!steps.settle) return;
        if (settleOption) await settleOption();
        else router.refresh();
      }),
    [router, settleOption, toastErrors, pathname, t],
  );

  const submit = useCallback(
    <T>(action: (form: FormData) => Promise<ActionResult<T>>, handling: ResultHandling<T> = {}) =>
      (event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        run(() => action(data), handling, form);
      },
    [run],
  );

  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const formError = result && !result.ok && !fieldErrors ? result.error : undefined;
  return { run, submit, pending, result, fieldErrors, formError };
}

/**
 * Server actions have always called the expected failure `ActionError`; it is the neutral `ExpectedError`
 * (lib/errors.ts) under that name, one class, so `instanceof` holds whichever name threw it. Code outside
 * app/ and lib/actions (lib/console, jobs) imports `ExpectedError` from lib/errors directly.
 */
export { ExpectedError as ActionError } from "@/lib/errors";

import { expect } from "vitest";
import { ExpectedError } from "../../lib/errors";

/** The ExpectedError `work` fails with; fails the test when it succeeds or fails otherwise. */
export async function expectedErrorOf(work: Promise<unknown>): Promise<ExpectedError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected an ExpectedError").toBeInstanceOf(ExpectedError);
  return error as ExpectedError;
}

/**
 * Postgres unique_violation (SQLSTATE 23505), however deep: drizzle wraps the driver's error in `cause`. Callers turn
 * it into "already taken" for the field whose unique index refused the row.
 */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  ((error as { code?: string }).code === "23505" || isUniqueViolation((error as { cause?: unknown }).cause));

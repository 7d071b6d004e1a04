import "server-only";
import { z } from "zod";
import { appidField } from "./control-schemas";
import { LOCATION_APIS } from "./ext-json";

/**
 * Inputs of the control endpoints made for bulk tests and benches (GET /sandbox/control/requests,
 * POST /sandbox/control/seed-authorizers). JSON and query strings only: the console's Sandbox page does not use them.
 * Messages are catalog keys under "validation.*", as in control-schemas.ts.
 */

const INVALID = "validation.invalid";
const toNumber = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value === "" ? undefined : value);
const int = (min: number, max: number) => z.number(INVALID).int(INVALID).min(min, INVALID).max(max, INVALID);
const apiPath = z.string(INVALID).regex(/^\/[\w/.-]{1,200}$/, INVALID);

/** GET /sandbox/control/requests?appid=&path=&limit= */
export const requestsQuerySchema = z
  .object({
    appid: z.preprocess((v) => (v === "" ? undefined : v), appidField.optional()),
    path: z.preprocess((v) => (v === "" ? undefined : v), apiPath.optional()),
    // Rows listed (totals always cover every matching row).
    limit: z.preprocess(toNumber, int(0, 20_000).default(1000)),
  })
  .strict();
export type RequestsQuery = z.output<typeof requestsQuerySchema>;

const category = z
  .object({
    first_class: z.string().min(1).max(40),
    second_class: z.string().min(1).max(40),
    third_class: z.string().min(1).max(40).optional(),
    first_id: z.number().int().min(1),
    second_id: z.number().int().min(1),
    third_id: z.number().int().min(1).optional(),
  })
  .strict();
const page = z.string().min(1).max(200).regex(/^[A-Za-z0-9_\-./]+$/, INVALID);

/**
 * N authorizers that differ, for one platform (given, or the first one, made when there is none):
 * - `privacy_share` of them (spread evenly) use `privacy_apis` in their own code, so a commit must declare them;
 * - categories from `category_sets` in turn (an empty set: an authorizer lacking every category);
 * - a committed trial (scan done) with pages from `page_sets` in turn (an empty set: nothing committed yet).
 */
export const seedAuthorizersSchema = z
  .object({
    component_appid: z.preprocess((v) => (v === "" ? undefined : v), appidField.optional()),
    count: z.preprocess(toNumber, int(1, 10_000)),
    nickname_prefix: z.string().trim().min(1).max(40).optional(),
    privacy_share: z.number(INVALID).min(0, INVALID).max(1, INVALID).default(0),
    privacy_apis: z.array(z.enum(LOCATION_APIS, INVALID)).min(1).max(LOCATION_APIS.length).default(["getLocation"]),
    category_sets: z.array(z.array(category).max(20)).min(1).max(100).optional(),
    page_sets: z.array(z.array(page).max(200)).min(1).max(100).optional(),
    func_info: z.array(z.number().int().min(1).max(1000)).max(100).optional(),
  })
  .strict();
export type SeedAuthorizersInput = z.output<typeof seedAuthorizersSchema>;

import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The import boundaries of eslint.config.mjs bite: each deliberate violation below, linted as if it were a file at
 * that path of this repository, is reported by the rule, and the imports the layers are meant to use are not.
 */

const RULE = "@typescript-eslint/no-restricted-imports";
const root = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The messages of the boundary rule for `code` linted as the file at `file` (a path in the repository). */
async function boundaryMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  expect(result?.filePath).toBe(path.join(root, file)); // linted, not ignored
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe("import boundaries", () => {
  it.each([
    ["lib/platforms/wechat/x.ts", 'import { loadAccount } from "@/lib/console/accounts";', /a platform reports, the console decides/],
    ["lib/platforms/wechat/x.ts", 'import { loadAccount } from "../../console/accounts";', /the console decides/],
    ["lib/platforms/wechat/x.ts", 'export { loadAccount } from "@/lib/console/accounts";', /the console decides/],
    ["lib/platforms/wechat/x.ts", 'import { Button } from "@/components/ui/button";', /lib\/ is below the routes/],
    ["lib/platforms/x.ts", 'import { registry } from "@/lib/sandbox/registry";', /over HTTP only/],
    ["lib/sandbox/x.ts", 'import { PlatformError } from "@/lib/platforms/port";', /emulator stands alone/],
    ["lib/sandbox/api/x.ts", 'import type { Audit } from "../../platforms/port";', /emulator stands alone/],
    ["lib/sandbox/x.ts", 'import { accountCards } from "@/lib/console/account-cards";', /the console decides/],
    ["lib/console/x.ts", 'import { handleWechatApi } from "@/lib/sandbox";', /over HTTP only/],
    ["components/x.tsx", 'import { getComponentClient } from "@/lib/platforms/wechat/client";', /through lib\/console/],
    ["components/accounts/x.tsx", 'import type { ClientContext } from "@/lib/platforms/wechat/client";', /through lib\/console/],
    ["components/x.tsx", 'import { PlatformError } from "@/lib/platforms/port";', /only types from lib\/platforms\/port/],
    ["app/(console)/x/actions.ts", 'import { platformForAccount } from "@/lib/platforms";', /through lib\/console/],
    ["app/x.ts", 'import { platformForAccount } from "../lib/platforms/index";', /through lib\/console/],
    ["lib/x.ts", 'import { createWorld } from "@/scripts/vitest/wechat";', /Only tests import scripts\//],
    ["lib/sandbox/api/x.ts", 'import { sandboxHarness } from "../../../scripts/vitest/sandbox";', /Only tests import scripts\//],
    ["components/x.tsx", 'import { launch } from "@/scripts/launch";', /Only tests import scripts\//],
    ["lib/console/x.test.ts", 'import { launch } from "@/scripts/launch";', /helpers from scripts\/vitest only/],
    ["lib/db/x.ts", 'import * as sandbox from "@/lib/sandbox/schema";', /lib\/db imports only lib\/env and lib\/vocab/],
    ["lib/db/x.ts", 'import { FIRST } from "../console/operators";', /lib\/db imports only/],
  ])("%s: %s is refused", async (file, code, message) => {
    const messages = await boundaryMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    ["lib/console/x.ts", 'import { getComponentClient } from "@/lib/platforms/wechat/client";'],
    ["app/api/wechat/x/route.ts", 'import { receiveAuthEvent } from "@/lib/console/ingress";'],
    ["components/tenants/x.tsx", 'import type { Audit, Capabilities } from "@/lib/platforms/port";'],
    ["components/tenants/x.tsx", 'import { type Audit } from "@/lib/platforms/port";'],
    ["lib/platforms/wechat/x.ts", 'import { db } from "@/lib/db/client"; import { tokenFor } from "../tokens";'],
    ["lib/sandbox/x.ts", 'import { db } from "@/lib/db/client"; import { fail } from "./errors";'],
    ["lib/platforms/wechat/x.test.ts", 'import { createWorld } from "@/scripts/vitest/wechat"; import { processInboundEvent } from "@/lib/console/events";'],
    ["lib/db/x.ts", 'import { env } from "../env"; import { ROLES } from "@/lib/vocab"; import * as schema from "./schema";'],
  ])("%s: %s is allowed", async (file, code) => {
    expect(await boundaryMessages(file, code)).toEqual([]);
  });
});

import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Import boundaries (docs/architecture.md, "Who may import what"). Matched on the import string, both the `@/…`
 * alias and relative paths (`../console/x`, `../../lib/console/x`): a relative path climbing to a folder of that
 * name is refused even where it would resolve elsewhere — name no inner folder `console`, `platforms`, `sandbox`,
 * `app`, `components` or `scripts`. `import()` expressions are not checked (ESLint's rule does not see them).
 */
const into = (folder) => `^(?:@/lib/|(?:\\.\\./)+(?:lib/)?)${folder}`;
const rootFolder = (folders) => `^(?:@/|(?:\\.\\./)+)(?:${folders})(?:/|$)`;

const noScripts = {
  regex: rootFolder("scripts"),
  message: "Only tests import scripts/: the launcher and the test helpers (scripts/vitest) are not part of the app.",
};
const onlyVitestHelpers = {
  regex: "^(?:@/|(?:\\.\\./)+)scripts(?:/(?!vitest/)|$)",
  message: "A test imports helpers from scripts/vitest only, not the launcher or other scripts.",
};
const noUi = {
  regex: rootFolder("app|components"),
  message: "lib/ is below the routes and components: move the shared type or rule into lib/ and import it from both.",
};
const noConsole = {
  regex: `${into("console")}(?:/|$)`,
  message: "lib/console calls the platforms, never the other way: a platform reports, the console decides.",
};
const noPlatforms = {
  regex: `${into("platforms")}(?:/|$)`,
  message: "The emulator stands alone: it emulates the platform from its documents, not from our client.",
};
const noSandbox = {
  regex: `${into("sandbox")}(?:/|$)`,
  message: "The console reaches the emulator over HTTP only, as it would reach WeChat.",
};
// Pages, components and actions go through lib/console (or lib/actions); the neutral contract's types are fine.
const noPlatformsFromUi = {
  regex: `${into("platforms")}(?:$|/(?!port$))`,
  message: "Pages and components reach a platform through lib/console (or lib/actions), never lib/platforms directly.",
};
const portTypesOnly = {
  regex: `${into("platforms")}/port$`,
  allowTypeImports: true,
  message: "Pages and components may import only types from lib/platforms/port; values go through lib/console or lib/actions.",
};
// lib/db is the bottom layer: tables, the connection, migrations and lock ids; it knows nothing of what uses them.
const dbStaysBelow = {
  regex: "^(?:@/lib/|\\.\\./)(?!(?:db|env|vocab)(?:/|$))",
  message: "lib/db imports only lib/env and lib/vocab: whatever needs the database imports lib/db, not the reverse.",
};

const boundaries = [
  { name: "lib", files: ["lib/**"], patterns: [noScripts, noUi] },
  { name: "ui", files: ["app/**", "components/**"], patterns: [noScripts, noPlatformsFromUi, portTypesOnly] },
  { name: "console", files: ["lib/console/**"], patterns: [noScripts, noUi, noSandbox] },
  { name: "platforms", files: ["lib/platforms/**"], patterns: [noScripts, noUi, noConsole, noSandbox] },
  { name: "sandbox", files: ["lib/sandbox/**"], patterns: [noScripts, noUi, noConsole, noPlatforms] },
  { name: "db", files: ["lib/db/**"], patterns: [noScripts, noUi, dbStaysBelow] },
  // Tests wire the layers together on purpose (the client's tests run against the emulator, the emulator's push test
  // decodes with the console's decoder): they keep only the rule that helpers come from scripts/vitest.
  {
    name: "tests",
    files: ["lib/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}", "components/**/*.test.{ts,tsx}"],
    patterns: [onlyVitestHelpers],
  },
].map(({ name, files, patterns }) => ({
  // Later entries replace earlier ones for the files they match (flat config does not merge rule options), so each
  // entry lists every pattern that applies to its files.
  name: `boundaries/${name}`,
  files,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
}));

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through lib/env.ts, not process.env.",
        },
      ],
    },
  },
  ...boundaries,
  {
    // The env module itself, and tooling that runs outside the app, may read process.env.
    files: ["lib/env.ts", "scripts/**", "e2e/**", "*.config.*", "drizzle.config.ts", "**/*.test.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    // Playwright fixtures call `use()`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;

/**
 * The warning `npm start` prints when a production start runs with the sandbox or demo data (scripts/launch.ts).
 * Both stay possible (demo deployments, rehearsals), but nobody should run one by accident and believe it reaches
 * WeChat or holds only real operators.
 */
export function startWarning(flags: { sandbox: boolean; demoSeed: boolean }): string | null {
  if (!flags.sandbox && !flags.demoSeed) return null;
  const on = [flags.sandbox ? "SANDBOX" : null, flags.demoSeed ? "DEMO_SEED" : null].filter(Boolean).join(" and ");
  const lines = [
    "",
    "!".repeat(78),
    `!! WARNING: production start with ${on} on.`,
    ...(flags.sandbox
      ? [
          "!!  SANDBOX=1: the WeChat emulator is mounted at /sandbox. Platform accounts pointed at it (and every",
          "!!    account without its own API base, when WECHAT_API_BASE is not set) do NOT reach WeChat; the",
          "!!    control surface /sandbox/control is open to admins and to SANDBOX_CONTROL_TOKEN.",
        ]
      : []),
    ...(flags.demoSeed
      ? [
          "!!  DEMO_SEED=1: demo operators (admin@, operator@, viewer@example.com) are created when the database has",
          "!!    no operators, with DEMO_PASSWORD or a generated password printed below; with the sandbox on, a demo",
          "!!    platform account and mini-programs are seeded too.",
        ]
      : []),
    "!! Fine for a demo or a rehearsal; for real work unset them (SANDBOX=0, DEMO_SEED=0).",
    "!".repeat(78),
    "",
  ];
  return lines.join("\n");
}

/**
 * Runs once when the server starts. scripts/serve.ts refuses reports from an
 * address over its limit before reading their bodies; the check it needs
 * lives in the app, and is handed over here (lib/http/report-limit-hook.ts);
 * likewise the status sign-in's wrong-PIN limits (lib/http/status-limit-hook.ts).
 * The liaison mail sweeper starts here too (docs/liaison-mail.md): only in the
 * Node.js runtime, and only when SMTP_URL is set and its interval is not 0.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [
    { provideReportLimitCheck },
    { isReportLimitedForIp },
    { provideStatusLimitCheck },
    { isStatusSignInLimitedFor },
  ] = await Promise.all([
    import("@/lib/http/report-limit-hook"),
    import("@/lib/reports/rate-limit-check"),
    import("@/lib/http/status-limit-hook"),
    import("@/lib/victims/status-limit-check"),
  ]);
  provideReportLimitCheck(isReportLimitedForIp);
  // The same for the status page's sign-in (reference + PIN) over its wrong-PIN limits (lib/http/status-gate.ts).
  provideStatusLimitCheck(isStatusSignInLimitedFor);
  // A mail problem must never stop the server from starting.
  await import("@/lib/liaison/mail-sweeper")
    .then(({ startLiaisonMailSweeper }) => startLiaisonMailSweeper())
    .catch((err: unknown) => console.error("liaison mail sweeper not started:", err));
}

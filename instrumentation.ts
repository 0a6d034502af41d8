/**
 * Runs once when the server starts. scripts/serve.ts refuses reports from an
 * address over its limit before reading their bodies; the check it needs
 * lives in the app, and is handed over here (lib/http/report-limit-hook.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ provideReportLimitCheck }, { isReportLimitedForIp }] = await Promise.all([
    import("@/lib/http/report-limit-hook"),
    import("@/lib/reports/rate-limit-check"),
  ]);
  provideReportLimitCheck(isReportLimitedForIp);
}

import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { captureLogLines } from "@/test/log-lines";
import { startLiaisonMailSweeper } from "./mail-sweeper";

const saved = { ...process.env };

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
  vi.restoreAllMocks();
});

const logLines = captureLogLines;

describe("startLiaisonMailSweeper", () => {
  it("says once that mail is off when SMTP_URL is unset, and starts nothing", () => {
    const lines = logLines();
    setEnv({ SMTP_URL: undefined });
    expect(startLiaisonMailSweeper()).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("liaison mail is off: SMTP_URL is not set");
  });

  it("starts no timer when the interval is 0", () => {
    const lines = logLines();
    setEnv({ SMTP_URL: "smtp://127.0.0.1:2525", LIAISON_MAIL_INTERVAL_SECONDS: "0" });
    expect(startLiaisonMailSweeper()).toBeUndefined();
    expect(lines.join("\n")).toContain("npm run notify:liaisons");
  });

  it("starts one unref'd sweeper per process, and stops it", () => {
    logLines();
    setEnv({ SMTP_URL: "smtp://127.0.0.1:2525", LIAISON_MAIL_INTERVAL_SECONDS: "3600" });
    const intervals = vi.spyOn(globalThis, "setInterval");
    const stop = startLiaisonMailSweeper();
    expect(stop).toBeTypeOf("function");
    expect(startLiaisonMailSweeper()).toBe(stop);
    expect(intervals).toHaveBeenCalledTimes(1);
    const timer = intervals.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    stop!();
  });

  it("logs a configuration error instead of throwing", () => {
    const lines = logLines();
    setEnv({ SMTP_URL: "http://not-smtp.example.org" });
    expect(startLiaisonMailSweeper()).toBeUndefined();
    expect(lines.join("\n")).toContain('"level":"error"');
  });
});

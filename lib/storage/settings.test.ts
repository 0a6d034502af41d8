import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "@/lib/env";

const NAMES = [
  "EVIDENCE_STORAGE",
  "S3_ENDPOINT",
  "S3_BUCKET",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "S3_FORCE_PATH_STYLE",
  "S3_SSE",
  "S3_SSE_KMS_KEY_ID",
];
const withEnv = (vars: Record<string, string>) => {
  for (const k of NAMES) delete process.env[k];
  Object.assign(process.env, vars);
  resetEnvCache();
  return env;
};
afterEach(() => withEnv({}));

describe("evidence storage settings (lib/env)", () => {
  it("defaults to the local folder, SSE-S3 when on object storage", () => {
    const e = withEnv({})();
    expect([e.EVIDENCE_STORAGE, e.S3_SSE, e.S3_FORCE_PATH_STYLE, e.S3_REGION]).toEqual([
      "local",
      "AES256",
      false,
      "us-east-1",
    ]);
  });

  it("reads a complete S3 configuration", () => {
    const e = withEnv({
      EVIDENCE_STORAGE: "s3",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_BUCKET: "scam-evidence",
      S3_ACCESS_KEY_ID: "id",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_FORCE_PATH_STYLE: "true",
      S3_SSE: "aws:kms",
      S3_SSE_KMS_KEY_ID: "alias/evidence",
    })();
    expect(e).toMatchObject({ S3_BUCKET: "scam-evidence", S3_FORCE_PATH_STYLE: true, S3_SSE: "aws:kms" });
  });

  it.each([
    [{ EVIDENCE_STORAGE: "s3" }, "S3_BUCKET: required"],
    [{ EVIDENCE_STORAGE: "s3", S3_BUCKET: "Bad_Bucket" }, "S3_BUCKET: must be an S3 bucket name"],
    [{ S3_ACCESS_KEY_ID: "id" }, "S3_SECRET_ACCESS_KEY: set both"],
    [{ S3_SSE_KMS_KEY_ID: "k" }, "S3_SSE_KMS_KEY_ID: only with S3_SSE=aws:kms"],
    [{ S3_SSE: "aes" }, "S3_SSE"],
    [{ EVIDENCE_STORAGE: "nfs" }, "EVIDENCE_STORAGE"],
    [{ S3_FORCE_PATH_STYLE: "maybe" }, "S3_FORCE_PATH_STYLE"],
  ])("refuses %j", (vars, message) => {
    expect(withEnv(vars as Record<string, string>)).toThrow(message);
  });
});

/** For integration tests that store evidence on the test S3 server (test/s3-server.ts). */
import { resetEnvCache } from "@/lib/env";
import type { TestS3 } from "@/test/s3-server";

/** Points the settings, and so evidenceStore(), at `s3`; the returned function puts them back. */
export function useTestS3(s3: TestS3): () => void {
  Object.assign(process.env, s3.env);
  resetEnvCache();
  return () => {
    for (const k of Object.keys(s3.env)) delete process.env[k];
    resetEnvCache();
  };
}

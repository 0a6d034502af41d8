// Runs in each integration test worker before the test file: points the app's
// configuration at the database and scratch directory from the global setup.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATA_DIR = inject("dataDir");
process.env.APP_SECRET ??= "integration-tests-secret-0123456789abcdef";

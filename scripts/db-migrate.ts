import { withDatabase } from "../lib/db/with-database";
import { prepareDatabase } from "../lib/db/prepare";
import { env } from "../lib/env";

// Behind PgBouncer, migrations go to the server itself (DATABASE_MIGRATION_URL, docs/operations.md).
const direct = process.env.DATABASE_URL ? env().DATABASE_MIGRATION_URL : undefined;
await withDatabase("npm run db:migrate", (url) => prepareDatabase(direct ?? url), { migrate: false });

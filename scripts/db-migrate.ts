import { withDatabase } from "../lib/db/with-database";
import { runMigrations } from "../lib/db/migrate";

await withDatabase("npm run db:migrate", (url) => runMigrations(url), { migrate: false });

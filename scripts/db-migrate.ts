import { withDatabase } from "../lib/db/with-database";
import { prepareDatabase } from "../lib/db/prepare";

await withDatabase("npm run db:migrate", (url) => prepareDatabase(url), { migrate: false });

import { findRunningEmbedded, dataDir } from "./embedded";

/**
 * For tools that must not open ./data themselves (the Prisma CLI): the given
 * DATABASE_URL if set, else the embedded server another process is running.
 */
export async function resolveDatabaseUrlForCli(configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const url = await findRunningEmbedded();
  if (url) return url;
  throw new Error(
    `No database: DATABASE_URL is not set and no embedded database is running on ${dataDir()}. ` +
      `Use "npm run db:migrate" (it starts the embedded database itself), start the app with ` +
      `"npm start", or set DATABASE_URL=postgres://...`,
  );
}

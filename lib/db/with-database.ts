/**
 * How command-line tools reach the database:
 * 1. DATABASE_URL, if set (a real PostgreSQL server);
 * 2. else the embedded server that `npm start` (or another tool) is running on
 *    ./data, over loopback, so tools work while the app runs;
 * 3. else they open ./data themselves for the duration of the command, holding
 *    the lock so nobody else opens the files at the same time.
 */
import { EmbeddedBusyError, findRunningEmbedded, startEmbeddedServer } from "./embedded";
import { prepareDatabase } from "./prepare";

export async function withDatabase<T>(
  owner: string,
  fn: (url: string) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const running = await findRunningEmbedded();
  if (running) return fn(running);
  let server;
  try {
    server = await startEmbeddedServer({ owner });
  } catch (e) {
    if (e instanceof EmbeddedBusyError) {
      console.error(e.message);
      process.exit(75); // EX_TEMPFAIL
    }
    throw e;
  }
  const stop = () => server.stop();
  process.once("SIGINT", () => void stop().then(() => process.exit(130)));
  process.once("SIGTERM", () => void stop().then(() => process.exit(143)));
  try {
    if (opts.migrate !== false) await prepareDatabase(server.url, { quiet: true });
    return await fn(server.url);
  } finally {
    await stop();
  }
}

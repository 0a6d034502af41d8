/**
 * `npm run notify:liaisons`: one sweep of the liaison mails (new, due soon,
 * overdue requests) and exit — for deployments that run it from cron with
 * LIAISON_MAIL_INTERVAL_SECONDS=0 instead of sweeping inside the server. Safe
 * next to running servers: every mail is claimed in the database before it is
 * sent (docs/liaison-mail.md). Exit 0 when nothing failed, 1 when some mail
 * could not be delivered (it is retried next time), 78 when mail is off.
 */
import { createPrisma } from "../lib/db/client";
import { withDatabase } from "../lib/db/with-database";
import { env } from "../lib/env";
import { sweepLiaisonMail } from "../lib/liaison/notify";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();
if (!env().SMTP_URL) {
  console.error("Liaison mail is off: set SMTP_URL (see .env.example).");
  process.exit(78); // EX_CONFIG
}

const failed = await withDatabase("npm run notify:liaisons", async (url) => {
  const db = createPrisma(url, { max: 2 });
  try {
    const r = await sweepLiaisonMail(db);
    console.log(
      `Liaison mail: sent new ${r.sent.new}, due soon ${r.sent.dueSoon}, overdue ${r.sent.overdue}; ` +
        `failed ${r.failed.new + r.failed.dueSoon + r.failed.overdue}; ` +
        `requests whose organisation has no active liaison: ${r.noRecipients}.`,
    );
    return r.failed.new + r.failed.dueSoon + r.failed.overdue;
  } finally {
    await db.$disconnect();
  }
});
process.exit(failed > 0 ? 1 : 0);

/**
 * `npm run seed:demo`: demo data for a newcomer — the 2,000 sample reports
 * (demo/reports.jsonl, a copy of the shared interchange sample) matched into
 * cases, and demo staff: an admin, an investigator and a liaison of a demo
 * platform. Idempotent: existing reports and users are kept. Prints how to
 * sign in. Works while `npm start` runs.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createPrisma } from "../lib/db/client";
import { withDatabase } from "../lib/db/with-database";
import { importReports } from "../lib/interchange/import";
import { generatePassword, hashPassword } from "../lib/auth/password";
import { recordAudit } from "../lib/audit/record";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();
const root = path.resolve(import.meta.dirname, "..");
const file = path.join(root, "demo", "reports.jsonl");

const STAFF = [
  { email: "admin@demo.local", name: "Demo Admin", role: "admin" as const },
  { email: "investigator@demo.local", name: "Demo Investigator", role: "investigator" as const },
  { email: "liaison@demo.local", name: "Demo Liaison (Taobao)", role: "liaison" as const },
];

await withDatabase("npm run seed:demo", async (url) => {
  const db = createPrisma(url, { max: 2 });
  try {
    const input = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity });
    const s = await importReports(db, input);
    console.log(
      `Demo reports: ${s.imported} imported, ${s.duplicates} already there; ${await db.case.count()} cases in the database.`,
    );

    const password = process.env.DEMO_PASSWORD || generatePassword();
    const passwordHash = await hashPassword(password);
    const org = await db.organisation.upsert({
      where: { name: "Taobao (demo)" },
      create: { name: "Taobao (demo)", kind: "platform" },
      update: {},
      select: { id: true },
    });
    const created: string[] = [];
    for (const u of STAFF) {
      const exists = await db.user.findUnique({ where: { email: u.email }, select: { id: true } });
      if (exists) continue;
      const row = await db.user.create({
        data: { email: u.email, name: u.name, role: u.role, orgId: u.role === "liaison" ? org.id : null, passwordHash },
        select: { id: true },
      });
      await recordAudit(db, {
        actorId: null,
        action: "user.create",
        resourceType: "user",
        resourceId: row.id,
        detail: { email: u.email, role: u.role, source: "seed:demo" },
      });
      created.push(u.email);
    }
    if (created.length) {
      console.log(
        [
          "",
          "Demo staff created (password shown only now; set DEMO_PASSWORD to choose it):",
          ...created.map((e) => `  ${e.padEnd(26)} ${password}`),
          "",
          "Sign in at http://localhost:3000/en/login (or /zh-CN/login) after `npm start`.",
        ].join("\n"),
      );
    } else {
      console.log("Demo staff already exist (admin@demo.local, investigator@demo.local, liaison@demo.local).");
    }
  } finally {
    await db.$disconnect();
  }
});

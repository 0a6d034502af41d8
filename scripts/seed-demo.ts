/**
 * `npm run seed:demo`: demo data for a newcomer — the 2,000 sample reports
 * (demo/reports.jsonl, a copy of the shared interchange sample) matched into
 * cases, and demo staff: an admin, an investigator, and demo organisations
 * (a shop, a bank, Alipay, Tencent, a telecom) with a liaison each. Idempotent: existing reports and users are kept. Prints how to
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

/**
 * Demo organisations with the routing keys that send them requests
 * (docs/liaison-routing.md), each with a liaison; the first is the one
 * liaison@demo.local has always belonged to.
 */
const ORGS = [
  {
    name: "Taobao (demo)",
    kind: "platform" as const,
    routeKeys: ["platform:淘宝", "platform:taobao"],
    email: "liaison@demo.local",
  },
  { name: "ICBC (demo)", kind: "bank" as const, routeKeys: ["bank:ICBC"], email: "icbc@demo.local" },
  { name: "Alipay (demo)", kind: "payment" as const, routeKeys: ["company:alipay"], email: "alipay@demo.local" },
  { name: "Tencent (demo)", kind: "internet" as const, routeKeys: ["company:tencent"], email: "tencent@demo.local" },
  {
    name: "China Mobile (demo)",
    kind: "telecom" as const,
    routeKeys: ["telecom:china_mobile"],
    email: "cmcc@demo.local",
  },
];

const STAFF = [
  { email: "admin@demo.local", name: "Demo Admin", role: "admin" as const, org: null },
  { email: "investigator@demo.local", name: "Demo Investigator", role: "investigator" as const, org: null },
  ...ORGS.map((o) => ({ email: o.email, name: `Demo Liaison (${o.name})`, role: "liaison" as const, org: o.name })),
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
    const orgIds = new Map<string, string>();
    for (const o of ORGS) {
      const org = await db.organisation.upsert({
        where: { name: o.name },
        create: { name: o.name, kind: o.kind, routeKeys: o.routeKeys },
        update: {},
        select: { id: true },
      });
      orgIds.set(o.name, org.id);
    }
    const created: string[] = [];
    for (const u of STAFF) {
      const exists = await db.user.findUnique({ where: { email: u.email }, select: { id: true } });
      if (exists) continue;
      const row = await db.user.create({
        data: { email: u.email, name: u.name, role: u.role, orgId: u.org ? orgIds.get(u.org)! : null, passwordHash },
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
      console.log(`Demo staff already exist (${STAFF.map((u) => u.email).join(", ")}).`);
    }
  } finally {
    await db.$disconnect();
  }
});

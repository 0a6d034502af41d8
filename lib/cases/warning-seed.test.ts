import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { SEED_WARNING_LIST } from "@/lib/matching";

it("the migration seeds exactly the matcher's warning list", () => {
  const sql = fs.readFileSync(
    path.resolve(import.meta.dirname, "../../prisma/migrations/20261122100000_matching/migration.sql"),
    "utf8",
  );
  const seeded = [
    ...sql.matchAll(/\('([a-z_]+)'::"IdentifierKind", '(exact|prefix)'::"WarningMatch", '((?:[^']|'')*)'/g),
  ].map((m) => `${m[1]}|${m[2]}|${m[3]!.replace(/''/g, "'")}`);
  const expected = SEED_WARNING_LIST.map((e) => `${e.kind}|${e.match}|${e.value}`);
  expect(seeded.sort()).toEqual([...new Set(expected)].sort());
  expect(seeded).toContain("phone|exact|+8695311");
  expect(seeded).toContain("phone|prefix|+86400");
});

/**
 * `npm run bench:quality -- [--reports 20000] [--seed 7] [--phenomena all|none|LIST] [--file F.jsonl --truth T.jsonl] [--in-memory] [--top 10] [--keep]`
 *
 * Matching quality the way a new user meets it: synthetic reports with known
 * truth (scripts/lib/synthetic.ts; the ring of every externalId) are written to
 * a temporary directory, imported with `npm run import -- FILE` and exported
 * with `npm run export:cases -- OUT` on the embedded default (a fresh
 * temporary DATA_DIR, DATABASE_URL unset), then scored: pair precision and
 * recall (lib/matching scorePairs), import rate, the largest predicted cases,
 * the identifiers that fused the most reports of different rings, and the
 * rings split the most.
 *
 *   --reports N     reports to generate (default 20,000)
 *   --seed S        generator seed (default 7)
 *   --phenomena P   none (the historical generator), all (default), or a comma
 *                   list of shared-numbers, wrong-types, holder-names, rotation
 *   --file F --truth T   score an existing interchange file and its truth
 *                   ({"externalId", "ring"} per line) instead of generating
 *   --in-memory     match with lib/matching's matchReports instead of the CLI
 *                   and database (seconds instead of minutes; for iterating,
 *                   not for figures of record)
 *   --top K         rows per table (default 10)
 *   --keep          keep the temporary directory (reports, truth, export, data)
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import {
  bridgesOf,
  compileWarningList,
  extractIdentifiers,
  isLinkable,
  matchReports,
  pairErrors,
  parseInterchangeLine,
  scorePairs,
  SEED_WARNING_LIST,
  type InterchangeReport,
} from "../lib/matching";
import { arg, helpRequested } from "./lib/bench";
import { parsePhenomena, syntheticData } from "./lib/synthetic";

helpRequested(import.meta.filename);

const root = path.resolve(import.meta.dirname, "..");
const N = Number(arg("reports", "20000"));
const seed = Number(arg("seed", "7"));
const phenomena = parsePhenomena(arg("phenomena", "all"));
const givenFile = arg("file", "") && path.resolve(arg("file", ""));
const givenTruth = arg("truth", "") && path.resolve(arg("truth", ""));
const inMemory = process.argv.includes("--in-memory");
const TOP = Number(arg("top", "10"));
const keep = process.argv.includes("--keep");
if (givenFile && !givenTruth) {
  console.error("--file needs --truth (one {externalId, ring} per line)");
  process.exit(64);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-quality-"));
const fmt = (x: number) => x.toLocaleString("en");
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs `npm run <script> -- args` in this tree; output shown indented and returned. */
function npmRun(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ out: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const show = (b: Buffer) => {
      out += b.toString();
      process.stdout.write(b.toString().replace(/^(?=.)/gm, "    "));
    };
    child.stdout.on("data", show);
    child.stderr.on("data", show);
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve({ out, ms: Date.now() - started })
        : reject(new Error(`npm run ${script} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

async function* lines(file: string): AsyncGenerator<string> {
  for await (const line of readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity }))
    if (line.trim() !== "") yield line;
}

async function writeLines(file: string, source: Iterable<string>): Promise<void> {
  const out = fs.createWriteStream(file, "utf8");
  for (const line of source) if (!out.write(`${line}\n`)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

async function main() {
  // 1. Reports and truth.
  let reportsFile = givenFile;
  let truthFile = givenTruth;
  if (!givenFile) {
    reportsFile = path.join(work, "reports.jsonl");
    truthFile = path.join(work, "truth.jsonl");
    const truthLines: string[] = [];
    const t = Date.now();
    await writeLines(
      reportsFile,
      (function* () {
        for (const s of syntheticData(N, seed, { phenomena })) {
          truthLines.push(JSON.stringify({ externalId: s.externalId, ring: s.ring }));
          yield s.line;
        }
      })(),
    );
    await writeLines(truthFile, truthLines);
    console.log(
      `Generated ${fmt(N)} reports (seed ${seed}, phenomena: ${phenomena.length ? phenomena.join(", ") : "none"}) in ${secs(Date.now() - t)}: ${reportsFile}`,
    );
  }
  const truth = new Map<string, string>();
  for await (const line of lines(truthFile)) {
    const j = JSON.parse(line) as { externalId: string; ring: string | number };
    truth.set(j.externalId, String(j.ring));
  }
  const reports: InterchangeReport[] = [];
  for await (const line of lines(reportsFile)) {
    const parsed = parseInterchangeLine(line);
    if (parsed.ok) reports.push(parsed.report);
  }

  // 2. Matching: the CLI on the embedded default, or the pure matcher.
  const predicted = new Map<string, string>();
  let importLine = "";
  if (inMemory) {
    const t = Date.now();
    for (const [id, root] of matchReports(reports).clusterOf) predicted.set(id, root);
    importLine = `in memory (lib/matching matchReports, no database): ${secs(Date.now() - t)}`;
  } else {
    const env = { ...process.env, DATABASE_URL: "", DATA_DIR: path.join(work, "data") };
    console.log(`npm run import -- ${reportsFile}  (DATA_DIR=${env.DATA_DIR}, embedded)`);
    const imp = await npmRun("import", [reportsFile], env);
    const done = /Done in ([\d.]+) s \((\d+) reports\/s\)/.exec(imp.out);
    const cases = /cases created: (\d+), merged: (\d+)/.exec(imp.out);
    const out = path.join(work, "cases.jsonl");
    console.log(`npm run export:cases -- ${out}`);
    const exp = await npmRun("export:cases", [out], env);
    for await (const line of lines(out)) {
      const a = JSON.parse(line) as { externalId: string; caseId: string | null };
      if (a.caseId !== null) predicted.set(a.externalId, a.caseId);
    }
    importLine =
      `npm run import: ${done ? `${fmt(Number(done[2]))} reports/s (${done[1]} s in the import loop)` : "(no rate printed)"}, ` +
      `${secs(imp.ms)} wall incl. start-up and migrations` +
      (cases ? `; cases created ${fmt(Number(cases[1]))}, merged ${fmt(Number(cases[2]))}` : "") +
      `. npm run export:cases: ${secs(exp.ms)} wall.`;
  }

  // 3. Scores.
  const score = scorePairs(predicted, truth);
  const errors = pairErrors(predicted, truth);
  const caseOf = (id: string) => predicted.get(id) ?? `(none) ${id}`;
  const caseSize = new Map<string, number>();
  for (const id of truth.keys()) caseSize.set(caseOf(id), (caseSize.get(caseOf(id)) ?? 0) + 1);
  const ringSize = new Map<string, number>();
  for (const ring of truth.values()) ringSize.set(ring, (ringSize.get(ring) ?? 0) + 1);
  /** case -> ring -> reports */
  const table = new Map<string, Map<string, number>>();
  for (const [id, ring] of truth) {
    const rings = table.get(caseOf(id)) ?? table.set(caseOf(id), new Map()).get(caseOf(id))!;
    rings.set(ring, (rings.get(ring) ?? 0) + 1);
  }
  const pairs = (n: number) => (n * (n - 1)) / 2;

  console.log(`\n== Matching quality: ${fmt(truth.size)} reports in ${fmt(ringSize.size)} true rings ==`);
  console.log(importLine);
  console.log(
    `pair precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)}, F1 ${score.f1.toFixed(4)} ` +
      `(${fmt(score.correctPairs)} of ${fmt(score.predictedPairs)} predicted pairs correct; ${fmt(score.truePairs)} true pairs)`,
  );
  console.log(
    `predicted cases ${fmt(caseSize.size)} (largest ${fmt(Math.max(...caseSize.values()))} reports; largest ring ${fmt(Math.max(...ringSize.values()))}); ` +
      `${fmt(errors.falseMerges.length)} cases mix rings, ${fmt(errors.splits.length)} rings are split`,
  );

  console.log(`\nLargest predicted cases:`);
  console.log(`| case | reports | rings | largest ring in it | wrong pairs |\n|---|---|---|---|---|`);
  for (const [c, n] of [...caseSize].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    const rings = [...table.get(c)!.values()];
    const wrong = pairs(n) - rings.reduce((a, b) => a + pairs(b), 0);
    console.log(`| ${c} | ${fmt(n)} | ${fmt(rings.length)} | ${fmt(Math.max(...rings))} | ${fmt(wrong)} |`);
  }

  // 4. Which identifiers tie reports of different rings together: for each
  // linking identifier (and partial-account bridge key), in each predicted
  // case, the wrong pairs between the rings whose reports name it there.
  const listed = compileWarningList(SEED_WARNING_LIST);
  const seen = new Map<
    string,
    { label: string; byCase: Map<string, Set<string>>; rings: Set<string>; reports: number }
  >();
  for (const r of reports) {
    const ring = truth.get(r.externalId);
    if (ring === undefined) continue;
    const c = caseOf(r.externalId);
    const keys = new Map<string, string>();
    for (const id of extractIdentifiers(r)) {
      if (!isLinkable(id) || listed(id) !== null) continue;
      const type = id.kind === "phone" && typeof id.meta.type === "string" ? ` (${id.meta.type})` : "";
      keys.set(`${id.kind}:${id.value}`, `${id.kind} ${id.display}${type}`);
      for (const b of bridgesOf(id)) if (b.role !== "alias") keys.set(`bridge:${b.key}`, `bridge ${b.key}`);
    }
    for (const [key, label] of keys) {
      const s = seen.get(key) ?? seen.set(key, { label, byCase: new Map(), rings: new Set(), reports: 0 }).get(key)!;
      s.reports++;
      s.rings.add(ring);
      (s.byCase.get(c) ?? s.byCase.set(c, new Set()).get(c)!).add(ring);
    }
  }
  const culprits = [...seen.values()]
    .map((s) => {
      let wrong = 0;
      for (const [c, rs] of s.byCase) {
        if (rs.size < 2) continue;
        const sizes = [...rs].map((ring) => table.get(c)!.get(ring)!);
        wrong += pairs(sizes.reduce((a, b) => a + b, 0)) - sizes.reduce((a, b) => a + pairs(b), 0);
      }
      return { ...s, wrong };
    })
    .filter((s) => s.wrong > 0)
    .sort((a, b) => b.wrong - a.wrong);
  console.log(
    `\nIdentifiers that fuse reports of different rings (${fmt(culprits.length)} in all), by wrong pairs among the rings that name them within one case:`,
  );
  console.log(`| identifier | reports naming it | rings | cases | wrong pairs |\n|---|---|---|---|---|`);
  if (!culprits.length) console.log("| (none) | | | | |");
  for (const s of culprits.slice(0, TOP))
    console.log(`| ${s.label} | ${fmt(s.reports)} | ${fmt(s.rings.size)} | ${fmt(s.byCase.size)} | ${fmt(s.wrong)} |`);

  console.log(`\nRings split the most:`);
  console.log(`| ring | reports | cases | missed pairs |\n|---|---|---|---|`);
  if (!errors.splits.length) console.log("| (none) | | | |");
  for (const s of errors.splits.slice(0, Math.min(TOP, 5)))
    console.log(
      `| ${s.ring} | ${fmt(ringSize.get(s.ring)!)} | ${fmt(Object.keys(s.clusters).length)} | ${fmt(s.missedPairs)} |`,
    );
}

try {
  await main();
} finally {
  if (keep) console.log(`\nKept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}

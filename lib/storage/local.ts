import fsp from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { STORAGE_KEY, StorageUnavailableError, type EvidenceStore } from "./types";

/**
 * Files in one folder (EVIDENCE_DIR, default DATA_DIR/evidence), mode 0600 in
 * a 0700 folder, outside public/. The embedded default: one machine, one disk.
 */
export function localStore(dir: string): EvidenceStore {
  const file = (key: string) => path.join(dir, path.basename(key));
  const write = async (name: string, bytes: Buffer) => {
    try {
      await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
      await fsp.writeFile(path.join(dir, name), bytes, { mode: 0o600, flag: "wx" });
    } catch (e) {
      // A partly written file (ENOSPC half way) must not stay behind.
      await fsp.rm(path.join(dir, name), { force: true }).catch(() => {});
      throw new StorageUnavailableError(e);
    }
  };
  return {
    kind: "local",
    put: (key, bytes) => write(path.basename(key), bytes),
    async get(key) {
      const handle = await fsp.open(file(key), "r").catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return null;
        throw e;
      });
      return handle ? (handle.createReadStream() as Readable) : null;
    },
    async delete(keys) {
      await Promise.all(keys.map((k) => fsp.rm(file(k), { force: true })));
    },
    async probe() {
      const name = `.probe-${randomUUID()}`;
      await write(name, Buffer.from("probe"));
      await fsp.rm(path.join(dir, name), { force: true });
    },
    async *list() {
      const names = await fsp.readdir(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return [] as string[];
        throw e;
      });
      for (const key of names.filter((n) => STORAGE_KEY.test(n))) {
        const st = await fsp.stat(path.join(dir, key)).catch(() => null);
        if (st?.isFile()) yield { key, modified: st.mtime };
      }
    },
  };
}

// Preloaded into the Prisma CLI by lib/db/migrate.ts. Prisma 6.19's WASM schema
// engine arms a 10 s timer it never clears, so every `migrate deploy` sat idle
// for 10 s after finishing. Unref'ing long timers lets the process exit once its
// real work (sockets, pipes) is done; pending I/O still keeps it alive.
const original = globalThis.setTimeout;
globalThis.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  const timer = original(fn, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};

/**
 * Serves ONE PGlite backend to many Postgres wire-protocol clients, one
 * client at a time (ADR 0007).
 *
 * Why our own server: PGlite is a single backend session. A real PostgreSQL
 * gives each connection its own backend; here every connection shares one, so
 * two connections' messages must never interleave. @electric-sql/pglite-socket
 * queues single protocol messages and only keeps explicit transactions
 * together, so the extended protocol (Parse/Bind/Execute/Sync, what pg and
 * Prisma send) and implicit transactions of different connections mixed:
 * "bind message supplies 3 parameters, but prepared statement "" requires 4",
 * results delivered to the wrong client, uncommitted rows seen by others.
 *
 * The rule here, correct by construction: a connection gets the backend with
 * its first message and keeps it until the backend says ReadyForQuery 'I'
 * (idle, outside any transaction). Everyone else waits in a FIFO queue. So an
 * exchange or a transaction always runs whole, and what one connection sees
 * is what it would see alone. Throughput is one transaction at a time.
 *
 * A holder that disconnects, or sits idle inside a transaction longer than
 * `idleInTransactionTimeoutMs` (as PostgreSQL's setting of that name), is cut
 * off: its half-sent exchange and its transaction are rolled back before the
 * next connection gets the backend.
 */
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { log } from "../log";
import {
  CANCEL_REQUEST,
  GSSENC_REQUEST,
  PROTOCOL_3,
  RESET,
  ReplyTracker,
  SSL_REQUEST,
  errorResponse,
  messageLength,
} from "./wire";

export interface SessionServerOptions {
  host: string;
  port: number;
  /** Refused beyond this, with "too many connections" (SQLSTATE 53300). */
  maxConnections: number;
  /** 0 disables: a stuck client would then hold everyone up until it disconnects. */
  idleInTransactionTimeoutMs: number;
}

export interface SessionServer {
  port: number;
  stop(): Promise<void>;
}

/** FIFO ownership of the single backend. */
class Backend {
  private holder: Connection | null = null;
  private readonly waiting: Connection[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(readonly db: PGlite) {}

  request(c: Connection) {
    if (this.holder) this.waiting.push(c);
    else this.grant(c);
  }

  withdraw(c: Connection) {
    const i = this.waiting.indexOf(c);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  release(c: Connection) {
    if (this.holder !== c) return;
    this.holder = null;
    const next = this.waiting.shift();
    if (next) this.grant(next);
    else for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Resolves when nobody holds the backend (for a clean stop). */
  whenFree(): Promise<void> {
    return this.holder ? new Promise((r) => this.idleWaiters.push(r)) : Promise.resolve();
  }

  private grant(c: Connection) {
    this.holder = c;
    // Not on the releasing connection's stack.
    queueMicrotask(() => c.granted());
  }

  /** Runs protocol messages on the backend; true if it ends idle ('I'). */
  async exec(messages: Buffer, onData: (d: Uint8Array) => void): Promise<boolean> {
    const replies = new ReplyTracker();
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(messages, {
        onRawData: (d) => {
          replies.feed(d);
          onData(d);
        },
      }),
    );
    return replies.idle;
  }
}

class Connection {
  private buf: Buffer = Buffer.alloc(0);
  private started = false; // the startup message has been answered
  private waiting = false; // queued for the backend
  private holding = false; // has the backend
  private busy = false; // messages are running on the backend
  private dirty = false; // the backend is not idle because of us
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: net.Socket,
    private readonly backend: Backend,
    private readonly opts: SessionServerOptions,
    private readonly onClosed: (c: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (d: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.pump();
      this.armIdleTimer();
    });
    socket.on("error", () => this.close());
    socket.on("close", () => this.close());
  }

  /** When a whole message is waiting: runs it if we hold the backend, else asks for it. */
  private pump() {
    if (this.closed || this.waiting || this.busy) return;
    if (!this.started && !this.holding && !this.preStartup()) return;
    const n = messageLength(this.buf, this.started);
    if (n < 0) return this.fail("08P01", "invalid message length");
    if (n === 0) return;
    if (this.holding) return void this.run();
    if (this.started && this.buf[0] === 0x58 /* Terminate */) return this.close();
    this.waiting = true;
    this.backend.request(this);
  }

  /** SSL/GSS requests are declined, cancel requests ignored; true when a startup message is next. */
  private preStartup(): boolean {
    while (this.buf.length >= 8) {
      const length = this.buf.readInt32BE(0);
      const code = this.buf.readInt32BE(4);
      if ((code === SSL_REQUEST || code === GSSENC_REQUEST) && length === 8) {
        // Loopback only: no TLS. pg with sslmode=prefer goes on in the clear.
        this.socket.write("N");
        this.buf = this.buf.subarray(8);
        continue;
      }
      if (code === CANCEL_REQUEST) {
        // One backend for all: a cancel could not say whose query to stop.
        this.close();
        return false;
      }
      if (code !== PROTOCOL_3) {
        this.fail("0A000", "unsupported frontend protocol (the embedded database speaks 3.0)");
        return false;
      }
      return true;
    }
    return false;
  }

  granted() {
    this.waiting = false;
    this.holding = true;
    if (this.closed) void this.finish();
    else void this.run();
  }

  /** Runs what the client has sent, while it holds the backend. */
  private async run() {
    this.busy = true;
    clearTimeout(this.idleTimer);
    try {
      while (this.holding && !this.closed) {
        const { batch, terminate } = this.takeMessages();
        if (batch.length) {
          this.dirty = true;
          const idle = await this.backend.exec(batch, (d) => this.write(d));
          this.started = true;
          if (idle) {
            this.dirty = false;
            this.holding = false;
            this.backend.release(this);
          }
        }
        if (terminate) this.close();
        if (!batch.length) break;
      }
    } catch (e) {
      log("error", "embedded database: statement failed in the engine", { error: String(e) });
      this.close();
    } finally {
      this.busy = false;
    }
    if (this.closed) return this.finish();
    this.pump(); // more messages after a release: back of the queue
    this.armIdleTimer();
  }

  /**
   * Every complete message already received, up to a Terminate. One call to
   * the engine runs them in order, as a backend would read them off its socket.
   */
  private takeMessages(): { batch: Buffer; terminate: boolean } {
    const parts: Buffer[] = [];
    let terminate = false;
    for (;;) {
      const n = messageLength(this.buf, this.started);
      if (n <= 0) break;
      const message = this.buf.subarray(0, n);
      this.buf = this.buf.subarray(n);
      if (this.started && message[0] === 0x58) {
        terminate = true;
        break;
      }
      parts.push(message);
      if (!this.started) break; // the startup message runs alone
    }
    return { batch: Buffer.concat(parts), terminate };
  }

  private write(d: Uint8Array) {
    if (!this.closed && this.socket.writable) this.socket.write(Buffer.from(d));
  }

  private armIdleTimer() {
    clearTimeout(this.idleTimer);
    const ms = this.opts.idleInTransactionTimeoutMs;
    if (!this.holding || this.busy || this.closed || ms <= 0) return;
    this.idleTimer = setTimeout(() => {
      log("warn", "embedded database: idle-in-transaction timeout, connection terminated", { ms });
      this.fail("25P03", "terminating connection due to idle-in-transaction timeout (embedded database)");
    }, ms);
  }

  /** A FATAL error to the client, then the connection ends. */
  private fail(code: string, message: string) {
    if (this.closed) return;
    this.socket.end(errorResponse("FATAL", code, message));
    this.close();
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    if (!this.socket.writableEnded) this.socket.destroy();
    if (this.waiting) {
      this.waiting = false;
      this.backend.withdraw(this);
    }
    this.onClosed(this);
    if (this.holding && !this.busy) void this.finish();
  }

  /** Gives the backend back, idle: what the client left unfinished is rolled back. */
  private async finish() {
    if (!this.holding) return;
    if (this.dirty) {
      try {
        await this.backend.exec(RESET, () => {});
        if (this.backend.db.isInTransaction()) throw new Error("still in a transaction after ROLLBACK");
      } catch (e) {
        log("error", "embedded database: could not reset after a client left", { error: String(e) });
      }
      this.dirty = false;
    }
    this.holding = false;
    this.backend.release(this);
  }
}

/** Listens on host:port and serves `db` to every connection, one at a time. */
export async function serveSession(db: PGlite, opts: SessionServerOptions): Promise<SessionServer> {
  const backend = new Backend(db);
  const connections = new Set<Connection>();
  // Every socket, so stop() can end those a client keeps half-open after our FATAL.
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    if (connections.size >= opts.maxConnections) {
      socket.on("error", () => {});
      socket.end(errorResponse("FATAL", "53300", "sorry, too many clients already (embedded database)"));
      return;
    }
    connections.add(new Connection(socket, backend, opts, (c) => connections.delete(c)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    async stop() {
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const c of [...connections]) c.close();
      for (const s of sockets) s.destroy();
      await backend.whenFree();
      await closed;
    },
  };
}

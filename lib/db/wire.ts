/**
 * The few pieces of the PostgreSQL wire protocol (version 3.0) the embedded
 * session server needs: where a client's message ends, whether the backend
 * has just said it is idle, and an ErrorResponse of our own.
 * https://www.postgresql.org/docs/current/protocol-message-formats.html
 */

/** Codes in the second word of the untyped messages a client sends before startup. */
export const PROTOCOL_3 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

/** Larger than any statement or bound value the app sends; guards the buffer. */
const MAX_MESSAGE = 512 * 1024 * 1024;

/**
 * Length of the first complete message in `buf`: 0 while it has not all
 * arrived, -1 if the length field is impossible. Before the startup message
 * is through, messages have no type byte (length, then a code or version).
 */
export function messageLength(buf: Buffer, started: boolean): number {
  const at = started ? 1 : 0;
  if (buf.length < at + 4) return 0;
  const n = buf.readInt32BE(at);
  if (n < 4 || n > MAX_MESSAGE) return -1;
  return buf.length >= at + n ? at + n : 0;
}

const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'

/**
 * Follows the backend's replies as they stream out, across chunk boundaries,
 * and tells whether the last complete message was ReadyForQuery with status
 * 'I': the backend is outside any transaction and waits for a new exchange.
 * ('T' is inside a transaction block, 'E' inside a failed one.)
 */
export class ReplyTracker {
  private readonly head = Buffer.alloc(5);
  private headLength = 0;
  private bodyLeft = 0;
  private status = 0;
  idle = false;

  feed(data: Uint8Array): void {
    let i = 0;
    while (i < data.length) {
      if (this.headLength < 5) {
        const take = Math.min(5 - this.headLength, data.length - i);
        this.head.set(data.subarray(i, i + take), this.headLength);
        this.headLength += take;
        i += take;
        if (this.headLength < 5) return;
        this.bodyLeft = this.head.readInt32BE(1) - 4;
        this.idle = false;
      }
      const take = Math.min(this.bodyLeft, data.length - i);
      if (take > 0) this.status = data[i + take - 1]!;
      this.bodyLeft -= take;
      i += take;
      if (this.bodyLeft === 0) {
        this.idle = this.head[0] === READY_FOR_QUERY && this.status === IDLE;
        this.headLength = 0;
      }
    }
  }
}

/** An ErrorResponse ('E') with severity, SQLSTATE and message, as a backend sends it. */
export function errorResponse(severity: "ERROR" | "FATAL", code: string, message: string): Buffer {
  const fields = [`S${severity}`, `V${severity}`, `C${code}`, `M${message}`].map((f) => Buffer.from(`${f}\0`));
  const body = Buffer.concat([...fields, Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write("E", 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** A frontend message: type byte, length, body. */
export function frontendMessage(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/**
 * Whatever state the backend is in — mid-way through an extended exchange,
 * skipping to Sync after an error, inside a transaction block, failed or not —
 * this ends at idle without committing: the Parse fails (a syntax error), which
 * aborts an implicit transaction and fails an explicit one; Sync ends the
 * exchange; ROLLBACK ends any block. (A bare Sync would COMMIT the pending
 * implicit transaction of a half-sent exchange.)
 */
export const RESET = Buffer.concat([
  frontendMessage("P", Buffer.from("\0embedded: abandoned by its client\0\0\0", "latin1")),
  frontendMessage("S"),
  frontendMessage("Q", Buffer.from("ROLLBACK\0")),
]);

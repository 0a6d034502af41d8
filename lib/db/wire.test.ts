import { describe, expect, it } from "vitest";
import { ReplyTracker, errorResponse, frontendMessage, messageLength } from "./wire";

const backend = (type: string, body: Buffer | string = "") => frontendMessage(type, Buffer.from(body));
const ready = (status: "I" | "T" | "E") => backend("Z", status);

describe("ReplyTracker", () => {
  // A query's replies: RowDescription-ish, a DataRow whose last bytes look like
  // ReadyForQuery 'I', CommandComplete, then ReadyForQuery.
  const rows = Buffer.concat([
    backend("T", "x"),
    backend("D", Buffer.from([0x5a, 0, 0, 0, 5, 0x49])),
    backend("C", "SELECT 1\0"),
  ]);

  it("is idle only when the last complete message is ReadyForQuery 'I', however the stream is cut", () => {
    for (const [tail, idle] of [
      [ready("I"), true],
      [ready("T"), false],
      [ready("E"), false],
      [Buffer.alloc(0), false],
    ] as const) {
      const stream = Buffer.concat([rows, tail]);
      for (let cut = 0; cut <= stream.length; cut++) {
        const t = new ReplyTracker();
        t.feed(stream.subarray(0, cut));
        t.feed(stream.subarray(cut));
        expect(t.idle, `cut at ${cut}`).toBe(idle);
      }
      const byteByByte = new ReplyTracker();
      for (const b of stream) byteByByte.feed(Buffer.from([b]));
      expect(byteByByte.idle).toBe(idle);
    }
  });

  it("is not idle once more replies follow a ReadyForQuery", () => {
    const t = new ReplyTracker();
    t.feed(Buffer.concat([ready("I"), backend("1")]));
    expect(t.idle).toBe(false);
  });
});

describe("messageLength", () => {
  it("finds where a message ends, before and after startup", () => {
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8, 0);
    expect(messageLength(startup, false)).toBe(8);
    expect(messageLength(startup.subarray(0, 7), false)).toBe(0);
    const sync = frontendMessage("S");
    expect(messageLength(Buffer.concat([sync, sync]), true)).toBe(5);
    expect(messageLength(sync.subarray(0, 4), true)).toBe(0);
  });

  it("refuses impossible lengths", () => {
    const bad = Buffer.from([0x51, 0, 0, 0, 2]);
    expect(messageLength(bad, true)).toBe(-1);
    expect(messageLength(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0]), false)).toBe(-1);
  });
});

it("writes an ErrorResponse a pg client can read", () => {
  const e = errorResponse("FATAL", "25P03", "idle");
  expect(e.toString("latin1", 0, 1)).toBe("E");
  expect(e.readInt32BE(1)).toBe(e.length - 1);
  expect(e.subarray(5).toString().split("\0")).toEqual(["SFATAL", "VFATAL", "C25P03", "Midle", "", ""]);
});

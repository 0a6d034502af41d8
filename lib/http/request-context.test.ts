import { describe, expect, it } from "vitest";
import { currentRequest, outsideRequest, runWithRequest } from "./request-context";

describe("request context", () => {
  it("follows a request through its awaits, and not into work started outside it", async () => {
    const ctx = { id: "req-under-test" };
    await runWithRequest(ctx, async () => {
      await Promise.resolve();
      expect(currentRequest()).toBe(ctx);
      const background = outsideRequest(async () => {
        expect(currentRequest()).toBeUndefined();
        await new Promise((r) => setImmediate(r));
        // What the background work marks (a database it could not reach) is not the request's.
        const seen = currentRequest();
        if (seen) seen.databaseUnavailable = true;
        return seen;
      });
      expect(currentRequest()).toBe(ctx);
      expect(await background).toBeUndefined();
    });
    expect(ctx).toEqual({ id: "req-under-test" });
  });
});

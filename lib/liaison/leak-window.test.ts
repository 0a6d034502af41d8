import { describe, expect, it } from "vitest";
import { densestWindow, type Observation } from "./leak-window";

const opts = { minVictims: 5, days: 30 };
const at = (...pairs: [victim: number, day: number][]): Observation[] =>
  pairs.map(([victim, day]) => ({ victim, day }));

describe("densestWindow", () => {
  it("fires at the threshold, not below it", () => {
    expect(densestWindow(at([1, 0], [2, 3], [3, 9], [4, 20], [5, 29]), opts)).toEqual({
      victims: 5,
      first: 0,
      last: 29,
    });
    expect(densestWindow(at([1, 0], [2, 3], [3, 9], [4, 20]), opts)).toBeNull();
  });

  it("counts victims, not reports", () => {
    expect(densestWindow(at([1, 0], [2, 1], [3, 2], [4, 3], [4, 4]), opts)).toBeNull();
    expect(densestWindow(at([1, 0], [1, 0], [1, 1], [2, 1], [3, 2], [4, 3], [5, 4]), opts)?.victims).toBe(5);
  });

  it("holds D consecutive days: day 0 and day D-1 share a window, day 0 and day D do not", () => {
    expect(densestWindow(at([1, 0], [2, 1], [3, 2], [4, 3], [5, 30]), opts)).toBeNull();
    expect(densestWindow(at([1, 0], [2, 1], [3, 2], [4, 3], [5, 29]), opts)).not.toBeNull();
    expect(densestWindow(at([1, 0], [2, 10], [3, 20], [4, 30], [5, 40]), opts)).toBeNull();
  });

  it("slides: an old burst counts, and a victim seen before the window counts once inside it", () => {
    const old = at([1, 100], [2, 101], [3, 102], [4, 103], [5, 104], [6, 900]);
    expect(densestWindow(old, opts)).toEqual({ victims: 5, first: 100, last: 104 });
    // Victim 1 leaves the window with day 0 but is back on day 40.
    const back = at([1, 0], [2, 35], [3, 36], [4, 37], [1, 40], [5, 41]);
    expect(densestWindow(back, opts)).toEqual({ victims: 5, first: 35, last: 41 });
  });

  it("keeps the densest window; between equally dense ones the most recent", () => {
    const bursts = at(
      ...[1, 2, 3, 4, 5, 6].map((v): [number, number] => [v, v]),
      ...[7, 8, 9, 10, 11].map((v): [number, number] => [v, 200 + v]),
    );
    expect(densestWindow(bursts, opts)).toEqual({ victims: 6, first: 1, last: 6 });
    const even = at(
      ...[1, 2, 3, 4, 5].map((v): [number, number] => [v, v]),
      ...[7, 8, 9, 10, 11].map((v): [number, number] => [v, 200 + v]),
    );
    expect(densestWindow(even, opts)).toEqual({ victims: 5, first: 207, last: 211 });
  });

  it("does not depend on input order, and refuses a nonsense window", () => {
    const obs = at([5, 29], [1, 0], [3, 9], [2, 3], [4, 20]);
    expect(densestWindow(obs, opts)).toEqual({ victims: 5, first: 0, last: 29 });
    expect(densestWindow([], opts)).toBeNull();
    expect(() => densestWindow(obs, { minVictims: 5, days: 0 })).toThrow(RangeError);
  });
});

import pino from "pino";
import { vi } from "vitest";
import { logger } from "@/lib/log";

/**
 * The JSON lines lib/log.ts writes (pino, straight to file descriptor 1, not
 * through console.*), captured from its destination until vi.restoreAllMocks().
 */
export function captureLogLines(): string[] {
  const lines: string[] = [];
  const stream = (logger() as unknown as Record<symbol, { write: (s: string) => void }>)[pino.symbols.streamSym]!;
  vi.spyOn(stream, "write").mockImplementation((s: string) => void lines.push(s));
  return lines;
}

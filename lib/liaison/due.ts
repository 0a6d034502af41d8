import "server-only";
import { env } from "@/lib/env";
import type { RequestKind } from "./shared";

/** The organisation's time to answer, from the settings per kind of request. */
export function defaultDueAt(kind: RequestKind, from: Date): Date {
  const e = env();
  const hours: Record<RequestKind, number> = {
    freeze_accounts: e.REQUEST_DUE_HOURS_FREEZE,
    block_numbers: e.REQUEST_DUE_HOURS_BLOCK,
    take_down: e.REQUEST_DUE_HOURS_TAKE_DOWN,
    data_leak_notice: e.REQUEST_DUE_HOURS_LEAK,
    information: e.REQUEST_DUE_HOURS_INFORMATION,
  };
  return new Date(from.getTime() + hours[kind] * 3600_000);
}

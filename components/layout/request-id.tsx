"use client";
import { createContext, useContext, type ReactNode } from "react";

/**
 * The id of the request that rendered the page (lib/http/request-context.ts),
 * given by the locale layout so the error page can show it to be quoted.
 */
const RequestIdContext = createContext<string | undefined>(undefined);

export function RequestIdProvider({ id, children }: { id: string | undefined; children: ReactNode }) {
  return <RequestIdContext value={id}>{children}</RequestIdContext>;
}

export function useRequestId(): string | undefined {
  return useContext(RequestIdContext);
}

/**
 * The client behind our reverse proxies. TRUST_PROXY lists the proxies (lib/env);
 * proxy-addr walks X-Forwarded-For from the socket address leftwards while each
 * hop is trusted, so a client's own X-Forwarded-For entries never count.
 */
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import proxyaddr from "proxy-addr";
import { env } from "@/lib/env";

export interface Client {
  /** The client's address (IPv4-mapped IPv6 written as IPv4). */
  ip: string;
  /** The connection the client made was TLS: ours, or a trusted proxy's X-Forwarded-Proto. */
  https: boolean;
  /** The request came straight from a trusted proxy, so its X-Forwarded-* headers count. */
  viaTrustedProxy: boolean;
}

export type Trust = (addr: string, hop: number) => boolean;

export function compileTrust(list: string[] = env().TRUST_PROXY): Trust {
  return proxyaddr.compile(list);
}

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(",")[0]?.trim().toLowerCase() || undefined;
}

export function resolveClient(req: IncomingMessage, trust: Trust): Client {
  const peer = req.socket.remoteAddress ?? "";
  const viaTrustedProxy = peer !== "" && trust(peer, 0);
  const ip = (peer === "" ? "unknown" : proxyaddr(req, trust)).replace(/^::ffff:/, "");
  const tls = (req.socket as TLSSocket).encrypted === true;
  const https = tls || (viaTrustedProxy && first(req.headers["x-forwarded-proto"]) === "https");
  return { ip, https, viaTrustedProxy };
}

import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { appOrigin, env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { log, logError } from "@/lib/log";
import { verifyLogin } from "./login";
import { authSecret } from "./secret";
import { claimsFrom } from "./session";
import { revokeSessionByToken } from "./sessions";
import type { Throttled } from "./throttle";

/** Thrown from authorize() when the attempt is throttled; the sign-in action shows its own message. */
export class LoginThrottledError extends CredentialsSignin {
  code = "throttled";
  constructor(readonly throttled: Throttled) {
    super();
  }
}

declare module "next-auth" {
  interface User {
    /** The new session's token (lib/auth/sessions.ts), only between authorize() and the jwt callback. */
    sid?: string;
  }
  interface Session {
    sid?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

function config(): NextAuthConfig {
  // Auth.js builds its URLs (redirects, callback and sign-out targets) from
  // AUTH_URL; without it they came from the Host the server bound to
  // (http://0.0.0.0:PORT). Set here, at request time, from our one setting.
  process.env.AUTH_URL = appOrigin();
  return {
    // Read at request time (not at build time): AUTH_SECRET or one derived from APP_SECRET.
    secret: authSecret(),
    // The session row decides (ADR 0008); the cookie's own expiry matches its absolute limit.
    session: { strategy: "jwt", maxAge: Math.round(env().SESSION_MAX_AGE_HOURS * 3600) },
    // Auth.js' own pages are never shown; its routes answer under /api/auth.
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const result = await verifyLogin(await db(), {
            email: typeof credentials.email === "string" ? credentials.email : "",
            password: typeof credentials.password === "string" ? credentials.password : "",
            ip: clientIpFrom(request.headers),
            userAgent: request.headers.get("user-agent"),
          });
          if (result.ok) return { ...result.user, sid: result.session.token };
          if (result.reason === "throttled") throw new LoginThrottledError(result.throttled);
          return null;
        },
      }),
    ],
    callbacks: {
      // The cookie holds only the session's random token; the user, their role
      // and whether the session is still open are read from the database on
      // every request (lib/auth/session.ts).
      jwt({ token, user }) {
        if (user?.sid) return { sid: user.sid };
        return token;
      },
      session({ session, token }) {
        return { expires: session.expires, sid: token.sid } as typeof session;
      },
    },
    events: {
      // Auth.js' own sign-out route (/api/auth/signout) ends the session too;
      // our sign-out action has revoked it already.
      async signOut(message) {
        const claims = claimsFrom("token" in message ? message.token : null);
        if (!claims) return;
        await revokeSessionByToken(await db(), claims.sid, "sign-out").catch((e) =>
          logError(e, { context: "signOut event" }),
        );
      },
    },
    logger: {
      error(error) {
        // A wrong password is not a server error; verifyLogin has audited it.
        if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
        log("error", "auth error", { name: error.name, message: error.message });
      },
      warn(code) {
        log("warn", "auth warning", { code });
      },
      debug() {},
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());

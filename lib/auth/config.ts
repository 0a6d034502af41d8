import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { log } from "@/lib/log";
import { verifyLogin } from "./login";
import { authSecret } from "./secret";

/** Thrown from authorize() when the account or address is throttled; the sign-in action shows its own message. */
export class LoginThrottledError extends CredentialsSignin {
  code = "throttled";
}

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    uid?: string;
    sv?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

function config(): NextAuthConfig {
  return {
    // Read at request time (not at build time): AUTH_SECRET or one derived from APP_SECRET.
    secret: authSecret(),
    // Host and protocol come from our own server (scripts/serve.ts) or the reverse proxy in front of it.
    trustHost: true,
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
          });
          if (result.ok) return result.user;
          if (result.reason === "throttled") throw new LoginThrottledError();
          return null;
        },
      }),
    ],
    callbacks: {
      // The cookie holds only the user id and the sessionVersion it was issued for;
      // role, organisation and status are read from the database on every request.
      jwt({ token, user }) {
        if (user?.id) return { sub: user.id, uid: user.id, sv: user.sessionVersion ?? 0 };
        return token;
      },
      session({ session, token }) {
        return { expires: session.expires, uid: token.uid, sv: token.sv } as typeof session;
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

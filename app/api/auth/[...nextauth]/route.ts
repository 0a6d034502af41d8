// Auth.js' own endpoints (session, csrf, callback, signout). Our sign-in form
// uses a server action; these stay for completeness and answer under /api/auth.
import { handlers } from "@/lib/auth/config";

export const { GET, POST } = handlers;

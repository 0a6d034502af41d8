import type { CurrentUser } from "@/lib/auth/current-user";

/** A signed-in user for the actions' unit tests (the session is mocked there). */
export function testUser(role: CurrentUser["role"], id = "u1"): CurrentUser {
  return {
    id,
    email: `${id}@example.gov.cn`,
    name: id,
    role,
    orgId: null,
    orgName: null,
    permissions: [],
    sessionId: `session-${id}`,
  };
}

/** A FormData with these text fields. */
export function formOf(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

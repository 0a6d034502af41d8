"use server";
import { staffAction } from "@/lib/actions/staff-action";
import { createApiKey, revokeApiKey } from "./api-keys";
import { createApiKeySchema, revokeApiKeySchema } from "./schemas";

const PAGE: [string, "page" | "layout"] = ["/[locale]/staff/admin/api-keys", "page"];

export const createApiKeyAction = staffAction({
  name: "createApiKey",
  permission: "manage:api-key:any",
  schema: createApiKeySchema,
  revalidate: [PAGE],
  handler: async (input, { user, ip, db }) => {
    const { key, apiKey } = await createApiKey(db, { actor: user, ip }, input);
    // Shown once in the form's answer; never stored.
    return { id: apiKey.id, name: apiKey.name, key };
  },
});

export const revokeApiKeyAction = staffAction({
  name: "revokeApiKey",
  permission: "manage:api-key:any",
  schema: revokeApiKeySchema,
  revalidate: [PAGE],
  handler: async (input, { user, ip, db }) => {
    const k = await revokeApiKey(db, { actor: user, ip }, input);
    return { id: k.id, name: k.name };
  },
});

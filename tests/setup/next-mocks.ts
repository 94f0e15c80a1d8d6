import { vi } from "vitest";
import { SESSION_COOKIE } from "@/lib/server/platform/config";
import { requestState } from "../helpers/request-state";

// Server actions read the session from next/headers; tests choose whose cookie is "sent" via requestState.
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) =>
      name === SESSION_COOKIE && requestState.sessionToken ? { value: requestState.sessionToken } : undefined,
    set: () => {},
    delete: () => {},
  }),
  headers: async () => new Headers({ "x-request-id": "test-request-0001" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

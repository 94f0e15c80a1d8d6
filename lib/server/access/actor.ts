import "server-only";

/** Who is making a request, however they authenticated. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  via: "session" | "api-key";
}

import "server-only";

/** Who is making a request, however they authenticated. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  via: "session" | "api-key";
  /** Set for an API key restricted to one organization: every other organization answers as to a non-member. */
  onlyOrgId?: string;
}

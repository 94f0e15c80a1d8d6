import type { Metadata } from "next";
import { PasswordAndSessions } from "@/components/account/password-and-sessions";
import { pageActor } from "@/lib/server/faces/page";

export const metadata: Metadata = { title: "Password and sessions" };

export default async function AccountPasswordPage() {
  const actor = await pageActor();
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{actor.email}</p>
        <h1>Password and sessions</h1>
      </header>
      <PasswordAndSessions email={actor.email} />
    </div>
  );
}

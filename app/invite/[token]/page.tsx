import type { Metadata } from "next";
import Link from "next/link";
import { AcceptSignedIn, AcceptWithNewAccount } from "@/components/invitations/accept-invitation";
import { describeInvitation } from "@/lib/server/access/invitations";
import { currentActor } from "@/lib/server/faces/action";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

/** Reachable signed out: the token in the path is the credential (docs/decisions/012). */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, actor] = await Promise.all([describeInvitation(token), currentActor()]);
  return (
    <main className="login-page">
      <div className="login-card">
        {!invitation ? (
          <>
            <h1>Invitation not valid</h1>
            <p>This link was used, revoked or has expired. Ask whoever invited you for a new one.</p>
          </>
        ) : (
          <>
            <h1>Join {invitation.org.title}</h1>
            <p>
              {invitation.email} is invited as {invitation.role}.
            </p>
            {actor && actor.email === invitation.email && <AcceptSignedIn token={token} />}
            {actor && actor.email !== invitation.email && (
              <p role="alert">
                You are signed in as {actor.email}. This invitation is for {invitation.email}: sign out, then open the
                link again.
              </p>
            )}
            {!actor && invitation.accountExists && (
              <p>
                You already have an account. <Link href="/login">Sign in</Link> as {invitation.email}, then open this
                link again to accept.
              </p>
            )}
            {!actor && !invitation.accountExists && <AcceptWithNewAccount token={token} email={invitation.email} />}
          </>
        )}
      </div>
    </main>
  );
}

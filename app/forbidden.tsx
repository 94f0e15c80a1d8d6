import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="status-page">
      <h1>403 — not allowed</h1>
      <p>Your role in this organization does not include this page. Ask an organization administrator for access.</p>
      <Link href="/">Go to your organizations</Link>
    </main>
  );
}

import Link from "next/link";

export default function NotFound() {
  return (
    <main className="status-page">
      <h1>404 — not found</h1>
      <p>There is nothing at this address. It may have been deleted.</p>
      <Link href="/">Go to your organizations</Link>
    </main>
  );
}

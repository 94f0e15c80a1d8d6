import { ExpirySkeleton } from "@/components/lifecycle/expiry-skeleton";

export default function Loading() {
  return <ExpirySkeleton heading="Certificate expiry: every organization" />;
}

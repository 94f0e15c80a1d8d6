import { ListLoading } from "@/components/tls/list-loading";

export default function Loading() {
  return <ListLoading heading="TLS" what="TLS client profiles" />;
}

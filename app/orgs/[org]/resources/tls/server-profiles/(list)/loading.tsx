import { ListLoading } from "@/components/tls/list-loading";

export default function Loading() {
  return <ListLoading heading="TLS server profiles" what="TLS server profiles" />;
}

import { ListLoading } from "@/components/tls/list-loading";

export default function Loading() {
  return <ListLoading heading="Truststores" what="truststores" />;
}

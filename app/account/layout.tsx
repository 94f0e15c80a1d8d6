import type { ReactNode } from "react";
import { ConsoleFrame } from "@/components/shell/console-frame";

export default function AccountLayout({ children }: { children: ReactNode }) {
  return <ConsoleFrame>{children}</ConsoleFrame>;
}

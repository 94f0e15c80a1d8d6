import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./styles/globals.scss";

export const metadata: Metadata = {
  title: { default: "TLS console", template: "%s · TLS console" },
  description: "Manage TLS profiles, keystores and truststores",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}

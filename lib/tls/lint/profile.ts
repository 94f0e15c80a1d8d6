import type { CipherName } from "../ciphers";
import type { TlsProtocol } from "../protocols";
import type { MutualAuthentication } from "../server-profile-schema";
import { lintCiphers } from "./ciphers";
import { lintClientConnection, lintServerConnection } from "./connection";
import { type Finding, sortFindings } from "./finding";
import { type KeystoreUsage, lintKeystoreUsage } from "./key-usage";
import { lintProtocols } from "./protocols";

/** What profile lint reads: the form's values or a stored profile, plus what is known of its keystore's leaf. */
interface ProfileFacts {
  protocols: readonly TlsProtocol[];
  ciphers: readonly CipherName[];
  /** Null without a keystore, or when its certificate is not known (a form before the keystore loads). */
  keystore: KeystoreUsage | null;
}

export interface ClientProfileFacts extends ProfileFacts {
  insecure_server_connections: boolean;
  server_name_indication: boolean;
}

export interface ServerProfileFacts extends ProfileFacts {
  mutual_authentication: MutualAuthentication;
}

const common = (p: ProfileFacts) => [...lintProtocols(p.protocols), ...lintCiphers(p.protocols, p.ciphers)];

export function lintClientProfile(p: ClientProfileFacts): Finding[] {
  return sortFindings([...common(p), ...lintClientConnection(p), ...lintKeystoreUsage("client", p.keystore)]);
}

export function lintServerProfile(p: ServerProfileFacts): Finding[] {
  return sortFindings([...common(p), ...lintServerConnection(p), ...lintKeystoreUsage("server", p.keystore)]);
}

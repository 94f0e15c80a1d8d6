import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The openssl command line as an independent judge of what the console generates, and as the CA that signs its
 * requests, the way an operator's CA would (issue 10 tests).
 */
function inTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "openssl-"));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (args: string[], cwd: string) => execFileSync("openssl", args, { cwd, encoding: "utf8", stdio: "pipe" });

/** `openssl req -verify -noout` (true when the request's self-signature verifies) and `openssl req -text`. */
export function inspectCsr(csrPem: string): { verified: boolean; text: string } {
  return inTempDir((dir) => {
    writeFileSync(join(dir, "req.pem"), csrPem);
    let verified = true;
    try {
      run(["req", "-in", "req.pem", "-verify", "-noout"], dir);
    } catch {
      verified = false;
    }
    return { verified, text: run(["req", "-in", "req.pem", "-noout", "-text"], dir) };
  });
}

interface OpensslCa {
  keyPem: string;
  certPem: string;
}

/** A CA made by openssl: an EC P-256 key and a self-signed CA certificate, optionally signed by `parent` instead. */
export function opensslCa(commonName: string, parent?: OpensslCa): OpensslCa {
  return inTempDir((dir) => {
    run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key"], dir);
    const ext = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n";
    writeFileSync(join(dir, "ca.ext"), ext);
    if (parent) {
      writeFileSync(join(dir, "parent.key"), parent.keyPem);
      writeFileSync(join(dir, "parent.pem"), parent.certPem);
      run(["req", "-new", "-key", "ca.key", "-subj", `/CN=${commonName}`, "-out", "ca.csr"], dir);
      run(
        ["x509", "-req", "-in", "ca.csr", "-CA", "parent.pem", "-CAkey", "parent.key", "-CAcreateserial"].concat([
          "-days",
          "3650",
          "-extfile",
          "ca.ext",
          "-out",
          "ca.pem",
        ]),
        dir,
      );
    } else {
      run(
        ["req", "-x509", "-new", "-key", "ca.key", "-subj", `/CN=${commonName}`, "-days", "3650"]
          .concat(["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
          .concat(["-out", "ca.pem"]),
        dir,
      );
    }
    return { keyPem: readFileSync(join(dir, "ca.key"), "utf8"), certPem: readFileSync(join(dir, "ca.pem"), "utf8") };
  });
}

/**
 * Signs a CSR as a CA would: `openssl x509 -req -CA … -extfile`, copying the requested extensions (SANs, usage).
 * `days: -1` makes a certificate that expired a day ago (the most openssl 3.0 allows).
 */
export function signCsr(
  csrPem: string,
  ca: OpensslCa,
  options: { days?: number; outform?: "PEM" | "DER" } = {},
): Buffer {
  return inTempDir((dir) => {
    writeFileSync(join(dir, "req.pem"), csrPem);
    writeFileSync(join(dir, "ca.key"), ca.keyPem);
    writeFileSync(join(dir, "ca.pem"), ca.certPem);
    writeFileSync(join(dir, "leaf.ext"), "basicConstraints=CA:FALSE\n");
    run(
      ["x509", "-req", "-in", "req.pem", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial"]
        .concat(["-days", String(options.days ?? 90)])
        .concat(["-extfile", "leaf.ext", "-copy_extensions", "copyall", "-outform", options.outform ?? "PEM"])
        .concat(["-out", "leaf.out"]),
      dir,
    );
    return readFileSync(join(dir, "leaf.out"));
  });
}

/** A PKCS#7 certs-only bundle of the given PEM certificates (`openssl crl2pkcs7 -nocrl`), as DER. */
export function pkcs7Bundle(...certPems: string[]): Buffer {
  return inTempDir((dir) => {
    const args = ["crl2pkcs7", "-nocrl", "-outform", "DER", "-out", "bundle.p7b"];
    certPems.forEach((pem, i) => {
      writeFileSync(join(dir, `c${i}.pem`), pem);
      args.push("-certfile", `c${i}.pem`);
    });
    run(args, dir);
    return readFileSync(join(dir, "bundle.p7b"));
  });
}

/** A CSR for a fresh key made by openssl (`openssl req -new`): a request the console's key did not sign. */
export function opensslCsr(commonName: string): string {
  return inTempDir((dir) => {
    run(
      ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem"].concat([
        "-subj",
        `/CN=${commonName}`,
        "-out",
        "req.pem",
      ]),
      dir,
    );
    return readFileSync(join(dir, "req.pem"), "utf8");
  });
}

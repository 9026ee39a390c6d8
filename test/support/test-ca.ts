/**
 * A test PKI made at test time with the `openssl` CLI (node:crypto cannot make X.509 certificates):
 * CAs, a server certificate for 127.0.0.1, and client certificates with a subject serialNumber as
 * PKIoverheid puts the OIN there. Everything lives in a temporary folder for one test file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  readonly certFile: string;
  readonly keyFile: string;
  readonly cert: Buffer;
  readonly key: Buffer;
  /** SHA-256 fingerprint as openssl prints it (colon-separated upper-case hex). */
  readonly fingerprint: string;
}

/** Whether the openssl CLI can be run (the mTLS tests need it; CI installs it with the base image). */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'sluis-pki-'));
  private n = 0;

  private openssl(args: string[]): string {
    return execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  }

  private done(base: string): TestCert {
    const certFile = join(this.dir, `${base}.pem`);
    const keyFile = join(this.dir, `${base}.key`);
    const fp = this.openssl(['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256']);
    return {
      certFile,
      keyFile,
      cert: readFileSync(certFile),
      key: readFileSync(keyFile),
      fingerprint: fp.trim().split('=')[1]!,
    };
  }

  /** A self-signed CA (P-256). */
  ca(name: string): TestCert {
    const base = `ca${this.n++}`;
    this.openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${base}.key`,
      '-out',
      `${base}.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    return this.done(base);
  }

  /** A certificate issued by `ca`: a server's (for 127.0.0.1 and localhost) or a client's. */
  issue(ca: TestCert, subject: string, kind: 'server' | 'client'): TestCert {
    const base = `c${this.n++}`;
    this.openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${base}.key`,
      '-out',
      `${base}.csr`,
      '-subj',
      subject,
    ]);
    const ext = join(this.dir, `${base}.ext`);
    writeFileSync(
      ext,
      kind === 'server'
        ? 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n'
        : 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n',
    );
    this.openssl([
      'x509',
      '-req',
      '-in',
      `${base}.csr`,
      '-CA',
      ca.certFile,
      '-CAkey',
      ca.keyFile,
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      `${base}.pem`,
      '-extfile',
      ext,
    ]);
    return this.done(base);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

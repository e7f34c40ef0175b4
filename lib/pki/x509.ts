// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect
// metadata API present before the library is evaluated; this import must stay first.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

/**
 * The X.509 library, set up once with Node's WebCrypto (`globalThis.crypto`). Modules in lib/pki import it from here so
 * the set-up above has always run.
 */
x509.cryptoProvider.set(globalThis.crypto);

export { x509 };

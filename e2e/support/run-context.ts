import path from "node:path";
import { readDemoSignIns, type DemoSignIn } from "../../lib/seed/demo-sign-ins";

/**
 * Where this Playwright run keeps its servers' data. playwright.config.ts creates the folder once
 * and passes it down in the environment, so workers (which load the config again) agree on it.
 */
export const RUN_DIR_VARIABLE = "ONRAMP_E2E_RUN_DIR";

export type PortalName = "sandbox" | "aws";

export const PORTS = { sandbox: 3100, aws: 3200, sandboxHttp: 4599 } as const;

export const SANDBOX_HTTP_URL = `http://127.0.0.1:${PORTS.sandboxHttp}`;
export const PROVIDER_ACCOUNT_ID = "210987654321";

export function portalUrl(portal: PortalName): string {
  return `http://localhost:${PORTS[portal]}`;
}

export function runDir(): string {
  const dir = process.env[RUN_DIR_VARIABLE];
  if (!dir) throw new Error(`${RUN_DIR_VARIABLE} is not set; run the browser tests through playwright.config.ts.`);
  return dir;
}

export function portalDataDir(portal: PortalName): string {
  return path.join(runDir(), `portal-${portal}`);
}

export type DemoPerson = "admin" | "support" | "alice" | "victor" | "irene";

const EMAILS: Record<DemoPerson, string> = {
  admin: "admin@provider.example",
  support: "support@provider.example",
  alice: "alice@globex.example",
  victor: "victor@globex.example",
  irene: "irene@initech.example",
};

export function signInFor(portal: PortalName, person: DemoPerson): DemoSignIn {
  const found = readDemoSignIns(portalDataDir(portal))?.find((s) => s.email === EMAILS[person]);
  if (!found) throw new Error(`no demo sign-in for ${person} in ${portalDataDir(portal)}; did the portal seed?`);
  return found;
}

export function storageStatePath(portal: PortalName, person: DemoPerson): string {
  return path.join(runDir(), "auth", `${portal}-${person}.json`);
}

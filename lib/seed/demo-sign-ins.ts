import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** One demo account as printed at start and kept in the data folder. */
export interface DemoSignIn {
  label: string;
  email: string;
  password: string;
}

export const DEMO_SIGN_INS_FILE = "demo-sign-ins.txt";

const HEADER = [
  "# Onramp demo sign-ins for this data folder. Generated at the first start; delete the data folder",
  "# to start over. Columns (tab-separated): who, e-mail, password.",
];

export function demoSignInsPath(dataDir: string): string {
  return path.join(dataDir, DEMO_SIGN_INS_FILE);
}

/** The sign-ins kept in `dataDir`, or null when none were generated there yet. */
export function readDemoSignIns(dataDir: string): DemoSignIn[] | null {
  let text: string;
  try {
    text = readFileSync(demoSignInsPath(dataDir), "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return null;
    throw error;
  }
  const out: DemoSignIn[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [label, email, password] = line.split("\t");
    if (label && email && password) out.push({ label, email, password });
  }
  return out;
}

/** Random passwords, so a demo left reachable on a network is not open to anyone who read the README. */
export function generateDemoSignIns(people: readonly { label: string; email: string }[]): DemoSignIn[] {
  return people.map((p) => ({ label: p.label, email: p.email, password: randomBytes(12).toString("base64url") }));
}

export function writeDemoSignIns(dataDir: string, signIns: readonly DemoSignIn[]): void {
  const lines = [...HEADER, ...signIns.map((s) => `${s.label}\t${s.email}\t${s.password}`), ""];
  writeFileSync(demoSignInsPath(dataDir), lines.join("\n"), { mode: 0o600 });
}

export function formatDemoSignIns(signIns: readonly DemoSignIn[], signInUrl: string): string {
  const width = Math.max(...signIns.map((s) => s.label.length));
  const emailWidth = Math.max(...signIns.map((s) => s.email.length));
  return [
    "",
    `Onramp demo — sign in at ${signInUrl}`,
    ...signIns.map((s) => `  ${s.label.padEnd(width)}  ${s.email.padEnd(emailWidth)}  ${s.password}`),
    "",
  ].join("\n");
}

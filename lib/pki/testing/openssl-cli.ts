import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

/**
 * The openssl command line as an independent check of what lib/pki makes: each call runs in a
 * folder of its own, with `{name}` arguments replaced by files holding the given PEM text. Call it
 * at a test file's top level; the folders go when the file's tests end.
 */
export type OpensslCli = (args: string[], files: Record<string, string>) => { ok: boolean; output: string };

export function opensslCli(): OpensslCli {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "onramp-pki-"));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));
  return (args, files) => {
    const dir = mkdtempSync(path.join(workDir, "run-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const resolved = args.map((a) => a.replace(/^\{(.+)\}$/, (_, name: string) => path.join(dir, name)));
    const run = spawnSync("openssl", resolved, { encoding: "utf8" });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  };
}

import { rmSync } from "node:fs";
import { runDir } from "./run-context";

/** The run's data folders (databases, sandbox state, saved sessions) are of no use afterwards. */
export default function globalTeardown(): void {
  rmSync(runDir(), { recursive: true, force: true });
}

import { readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { cloudStateSchema, type CloudState } from "@/lib/sandbox/state/schema";

/** Synchronous: the cloud is created synchronously and must start from what was saved. */
export function loadState(file: string): CloudState | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return null;
    throw error;
  }
  const parsed = cloudStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`Sandbox state file ${file} is not a valid sandbox state; move it away to start fresh.`);
  }
  return parsed.data;
}

/** Written to a temp file and renamed, so a crash never leaves a half-written state behind. */
export async function saveState(file: string, state: CloudState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(state), "utf8");
  await rename(temp, file);
}

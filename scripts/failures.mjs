// Prints, for the end of `npm test`, which tests failed (and which passed only on a retry) with the
// first lines of each error, read from the runners' JSON reports. CI logs keep only the tail of the
// output, so the names must be there, not just in the scrolled-away runner output.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const firstLines = (text, n = 6) =>
  String(text ?? "")
    // Runner output carries ANSI colours; the summary is read as plain text.
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .slice(0, n)
    .map((l) => `      ${l}`)
    .join("\n");

const lines = [];
for (const name of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(dir, name), "utf8"));
  } catch {
    continue;
  }
  const tier = name.replace(/\.json$/, "");
  if (Array.isArray(report.testResults)) {
    for (const file of report.testResults) {
      const rel = String(file.name).replace(`${process.cwd()}/`, "");
      for (const t of file.assertionResults ?? []) {
        if (t.status === "failed") {
          lines.push(`  FAILED [${tier}] ${rel} › ${t.fullName}\n${firstLines(t.failureMessages?.[0])}`);
        }
      }
      if (file.status === "failed" && (file.assertionResults ?? []).every((t) => t.status !== "failed")) {
        lines.push(`  FAILED [${tier}] ${rel} (file)\n${firstLines(file.message)}`);
      }
    }
  } else if (Array.isArray(report.suites)) {
    const walk = (suite, path) => {
      for (const spec of suite.specs ?? []) {
        for (const test of spec.tests ?? []) {
          if (test.status === "unexpected" || test.status === "flaky") {
            const error = test.results?.find((r) => r.error)?.error?.message;
            const label = test.status === "flaky" ? "FLAKY (passed on retry)" : "FAILED";
            lines.push(`  ${label} [${tier}] ${spec.file} › ${[...path, spec.title].join(" › ")}\n${firstLines(error)}`);
          }
        }
      }
      for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
    };
    for (const suite of report.suites) walk(suite, []);
    for (const error of report.errors ?? []) lines.push(`  ERROR [${tier}]\n${firstLines(error.message)}`);
  }
}
if (lines.length > 0) {
  console.log("\nFailures:");
  console.log(lines.join("\n"));
}

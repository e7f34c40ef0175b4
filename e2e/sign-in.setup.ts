import { mkdirSync } from "node:fs";
import path from "node:path";
import { test as setup } from "@playwright/test";
import { SignInPage } from "./support/pages/sign-in-page";
import { type DemoPerson, type PortalName, signInFor, storageStatePath } from "./support/run-context";

const PEOPLE: { person: DemoPerson; home: RegExp }[] = [
  { person: "admin", home: /\/support$/ },
  { person: "support", home: /\/support$/ },
  { person: "alice", home: /\/connections$/ },
  { person: "victor", home: /\/connections$/ },
  { person: "irene", home: /\/connections$/ },
];

function portalOf(metadata: Record<string, unknown>): PortalName {
  const portal = metadata.portal;
  if (portal !== "sandbox" && portal !== "aws") throw new Error("setup project needs metadata.portal");
  return portal;
}

// One saved session per demo person, so specs start signed in as whoever they need.
for (const { person, home } of PEOPLE) {
  setup(`sign in as ${person}`, async ({ page }, testInfo) => {
    const portal = portalOf(testInfo.project.metadata);
    const { email, password } = signInFor(portal, person);
    await new SignInPage(page).signIn(email, password, home);
    const file = storageStatePath(portal, person);
    mkdirSync(path.dirname(file), { recursive: true });
    await page.context().storageState({ path: file });
  });
}

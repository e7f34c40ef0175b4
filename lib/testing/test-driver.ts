/** Which database the suite runs on: PGlite unless TEST_DB=postgres (see scripts/test.sh). */
export const testDriver: "pglite" | "postgres" = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";

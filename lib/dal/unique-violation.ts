/**
 * Whether a database error is a unique-constraint violation (SQLSTATE 23505). Both drivers put the
 * code on the driver error; drizzle wraps it as `cause`.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === "object" && depth < 4; e = Reflect.get(e, "cause"), depth += 1) {
    if (Reflect.get(e, "code") === "23505") {
      return constraint === undefined || Reflect.get(e, "constraint") === constraint || String(Reflect.get(e, "message")).includes(constraint);
    }
  }
  return false;
}

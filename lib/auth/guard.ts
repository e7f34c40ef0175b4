import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError, HTTP_STATUS, type ActionResult, type FieldErrors } from "@/lib/errors";
import { type Caller, getCaller } from "./caller";
import { can, type Permission } from "./permissions";

/**
 * Every server action and route handler is built by one of these wrappers, which check the session,
 * the permission and the input before the body runs. They tag what they build so a test can prove
 * that no exported action or handler skips them.
 */
export const GUARD_TAG = Symbol.for("onramp.guard");
export type GuardTag = { permission: Permission | "public" };

function tag<F extends object>(fn: F, permission: Permission | "public"): F {
  Object.defineProperty(fn, GUARD_TAG, { value: { permission } satisfies GuardTag });
  return fn;
}

export function guardTagOf(value: unknown): GuardTag | undefined {
  if (typeof value !== "function") return undefined;
  const t: unknown = Reflect.get(value, GUARD_TAG);
  return t && typeof t === "object" && "permission" in t ? (t as GuardTag) : undefined;
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function failure(error: unknown, context: string): ActionResult<never> {
  unstable_rethrow(error);
  if (error instanceof AppError) {
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  console.error(`[onramp] ${context} failed`, error);
  return { ok: false, code: "internal", message: "Something went wrong on our side. Please try again." };
}

function invalidInput(error: z.ZodError): ActionResult<never> {
  return { ok: false, code: "invalid_input", message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(error) };
}

const UNAUTHENTICATED = { ok: false, code: "unauthenticated", message: "Your session has ended. Sign in again." } as const;
const FORBIDDEN = { ok: false, code: "forbidden", message: "Your role does not allow this." } as const;

export function guardedAction<S extends z.ZodType, R>(
  spec: { permission: Permission; input: S },
  body: (input: z.output<S>, caller: Caller) => Promise<R>,
): (input: z.input<S>) => Promise<ActionResult<R>> {
  const action = async (raw: z.input<S>): Promise<ActionResult<R>> => {
    const caller = await getCaller();
    if (!caller) return UNAUTHENTICATED;
    if (!can(caller.role, spec.permission)) return FORBIDDEN;
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) return invalidInput(parsed.error);
    try {
      return { ok: true, data: await body(parsed.data, caller) };
    } catch (error) {
      return failure(error, `action ${spec.permission}`);
    }
  };
  return tag(action, spec.permission);
}

/** For the few actions that run before sign-in (signing in, accepting an invitation). */
export function publicAction<S extends z.ZodType, R>(
  spec: { input: S },
  body: (input: z.output<S>) => Promise<R>,
): (input: z.input<S>) => Promise<ActionResult<R>> {
  const action = async (raw: z.input<S>): Promise<ActionResult<R>> => {
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) return invalidInput(parsed.error);
    try {
      return { ok: true, data: await body(parsed.data) };
    } catch (error) {
      return failure(error, "public action");
    }
  };
  return tag(action, "public");
}

type RouteContext<P> = { params: Promise<P> };

export function guardedRoute<P = Record<string, never>>(
  spec: { permission: Permission },
  body: (request: Request, caller: Caller, params: P) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  const handler = async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const caller = await getCaller();
    if (!caller) return Response.json({ code: "unauthenticated", message: UNAUTHENTICATED.message }, { status: 401 });
    if (!can(caller.role, spec.permission)) return Response.json({ code: "forbidden", message: FORBIDDEN.message }, { status: 403 });
    try {
      return await body(request, caller, await context.params);
    } catch (error) {
      const result = failure(error, `route ${spec.permission}`);
      if (result.ok) throw new Error("unreachable");
      return Response.json({ code: result.code, message: result.message }, { status: HTTP_STATUS[result.code] });
    }
  };
  return tag(handler, spec.permission);
}

import { NextResponse, type NextRequest } from "next/server";

/**
 * Sends people without a session cookie to the sign-in page before an app page renders. It only
 * looks for the cookie: whether the session is valid, and what the person may do, is decided by the
 * page or action itself. Keeping it that light means it never touches the database.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function hasSessionCookie(request: NextRequest): boolean {
  // next-auth splits large tokens into `<name>.0`, `<name>.1`, … chunks.
  return request.cookies
    .getAll()
    .some(({ name }) => SESSION_COOKIES.some((base) => name === base || name.startsWith(`${base}.`)));
}

export function proxy(request: NextRequest) {
  // Server actions (POST) answer "unauthenticated" themselves; a redirect would break their protocol.
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  if (hasSessionCookie(request)) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  const { pathname, search } = request.nextUrl;
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything except next-auth and our API routes (which answer 401 themselves), the public
  // sign-in and invitation pages, and static assets.
  matcher: ["/((?!api/|_next/|sign-in|invite/|favicon\\.ico|onramp-logo\\.svg|robots\\.txt).*)"],
};

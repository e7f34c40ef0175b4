import { handlers } from "@/lib/auth/auth";

// The one route handler outside the guard: it is next-auth's own sign-in, callback and session surface.
export const { GET, POST } = handlers;

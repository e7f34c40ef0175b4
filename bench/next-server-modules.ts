import { register } from "node:module";

/**
 * Inside Next.js, server code gets `next/navigation`'s react-server build: the bundler picks it.
 * Node does not (the package has no export condition for it), and the client build needs React's
 * client API, which the react-server condition `npm run bench` runs under leaves out. This resolve
 * hook does what the bundler does, so server modules that import `next/navigation` (the action
 * guard's helpers) load here as in the portal.
 */
const hooks = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "next/navigation") return nextResolve("next/dist/client/components/navigation.react-server.js", context);
  return nextResolve(specifier, context);
}`;

export function resolveNextAsServer(): void {
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url);
}

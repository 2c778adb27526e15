/**
 * What the server knows about the request being handled, beyond the Fetch
 * `Request` Remix passes to loaders: the client's address (for rate limits)
 * and a memo, so that the root loader and a page's loader that both ask "who
 * is signed in?" cost one session lookup, not two.
 *
 * The HTTP layer opens a scope per request (server/http.ts). Code run outside
 * one (tests, scripts) gets no memo and the address "unknown".
 */
import { AsyncLocalStorage } from "node:async_hooks";

type RequestScope = { clientIp: string; memo: Map<string, unknown> };

// One store per process, shared by the HTTP layer (loaded from source) and
// the Remix build (a bundled copy of this module).
const globalScope = globalThis as unknown as { __hocSoRequestScope?: AsyncLocalStorage<RequestScope> };
const storage = (globalScope.__hocSoRequestScope ??= new AsyncLocalStorage<RequestScope>());

export function runInRequestScope<T>(clientIp: string, fn: () => T): T {
  return storage.run({ clientIp, memo: new Map() }, fn);
}

export function clientIp(): string {
  return storage.getStore()?.clientIp ?? "unknown";
}

/** Computes a value once per request. */
export function memoForRequest<T>(key: string, compute: () => T): T {
  const scope = storage.getStore();
  if (!scope) return compute();
  if (!scope.memo.has(key)) scope.memo.set(key, compute());
  return scope.memo.get(key) as T;
}

/** Forgets a memoised value, after a change that makes it stale (sign-in, sign-out). */
export function forgetForRequest(key: string) {
  storage.getStore()?.memo.delete(key);
}

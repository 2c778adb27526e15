/**
 * What the server knows about the request being handled, beyond the Fetch
 * `Request` Remix passes to loaders: the client's address (for rate limits),
 * the request id (in the log and on error pages) and a memo, so that the
 * root loader and a page's loader that both ask "who is signed in?" cost one
 * session lookup, not two.
 *
 * The HTTP layer opens a scope per request (server/http.ts). Code run outside
 * one (tests, scripts) gets no memo, the address "unknown" and no id.
 */
import { AsyncLocalStorage } from "node:async_hooks";

type RequestScope = { clientIp: string; requestId?: string; memo: Map<string, unknown> };

// One store per process, shared by the HTTP layer (loaded from source) and
// the Remix build (a bundled copy of this module).
const globalScope = globalThis as unknown as { __hocSoRequestScope?: AsyncLocalStorage<RequestScope> };
const storage = (globalScope.__hocSoRequestScope ??= new AsyncLocalStorage<RequestScope>());

export function runInRequestScope<T>(clientIp: string, fn: () => T, requestId?: string): T {
  return storage.run({ clientIp, requestId, memo: new Map() }, fn);
}

export function clientIp(): string {
  return storage.getStore()?.clientIp ?? "unknown";
}

/** The id of the request being handled (server/http.ts makes it), if any. */
export function requestId(): string | undefined {
  return storage.getStore()?.requestId;
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

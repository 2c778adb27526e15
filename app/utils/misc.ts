// Never resolves: it only gives relative paths something to resolve against.
const PLACEHOLDER_ORIGIN = "http://placeholder.invalid";
const MAX_REDIRECT_LENGTH = 2000;

/**
 * A redirect target that cannot leave the site: a path on this origin, in
 * the form a Location header can carry (ASCII, percent-encoded).
 *
 * Checking the text as given is not enough: a browser resolves "." and
 * "..", reads "\\" as "/" and drops tabs and newlines, so "/./\\evil" or
 * "/..//evil" become "//evil", another site. So the candidate is resolved
 * the way a browser would, and what is returned is that resolved form, which
 * must still be on this origin and start with exactly one "/".
 */
export function safeRedirectPath(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length > MAX_REDIRECT_LENGTH || !to.startsWith("/")) return fallback;
  // Backslashes and control characters (tabs, newlines) are never part of a
  // path we link to, and are how browsers are talked into reading a host.
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!/^\/(?![/\\])/.test(path) || path.includes("\\") || path.length > MAX_REDIRECT_LENGTH) return fallback;
  return path;
}

/** The ?page= of a paged list: a whole number from 1, anything else is page 1. */
export function pageNumber(searchParams: URLSearchParams): number {
  return Math.min(10_000, Math.max(1, Number.parseInt(searchParams.get("page") ?? "1", 10) || 1));
}

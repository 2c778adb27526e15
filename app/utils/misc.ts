/**
 * A redirect target that cannot leave the site: only a path on this origin.
 * Rejects protocol-relative ("//evil"), backslash tricks ("/\\evil") and
 * absolute URLs, falling back to the home page.
 */
export function safeRedirectPath(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  return to;
}

/** The ?page= of a paged list: a whole number from 1, anything else is page 1. */
export function pageNumber(searchParams: URLSearchParams): number {
  return Math.min(10_000, Math.max(1, Number.parseInt(searchParams.get("page") ?? "1", 10) || 1));
}

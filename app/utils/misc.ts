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

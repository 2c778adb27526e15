/**
 * Which addresses course content may point at. Lessons and quizzes are HTML
 * that the page inserts as it is, so a `javascript:` link in a question would
 * run in the learner's browser, with their session.
 */

/** Schemes a link or an image may use; a relative address has none and is fine. */
const safeSchemes = new Set(["http", "https", "mailto", "tel"]);

/**
 * The scheme a browser reads from an address, in lower case, or null for a
 * relative address. Browsers drop tabs and line breaks anywhere, and control
 * characters and spaces at the start, before they look for a scheme: so
 * " java\tscript:" is javascript: too.
 */
export function urlScheme(url: string): string | null {
  const cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase() ?? null;
}

/** Whether an address can only open a page, a mail or a call: http(s), mailto, tel, or relative. */
export function isSafeUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === null || safeSchemes.has(scheme);
}

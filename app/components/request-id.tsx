import { useLocation } from "@remix-run/react";
import { createContext, useContext } from "react";

/**
 * The id of the request that rendered this document (server/http.ts makes
 * it, and logs it with every error). The server provides it; the browser
 * reads it back from <html data-request-id>, so hydration renders the same.
 */
export const RequestIdContext = createContext("");

// The browser's first location: the one the server rendered.
let renderedLocationKey: string | undefined;

/**
 * The request id, while the page shown is the one the server rendered.
 * After a navigation in the browser, what failed was another request, whose
 * id the browser does not know: then null, rather than a wrong reference.
 */
export function useRequestId(): string | null {
  const id = useContext(RequestIdContext);
  const { key } = useLocation();
  if (!id) return null;
  if (typeof document === "undefined") return id;
  renderedLocationKey ??= key;
  return key === renderedLocationKey ? id : null;
}

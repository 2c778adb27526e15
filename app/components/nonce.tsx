import { createContext, useContext } from "react";

/**
 * The per-request nonce that the Content-Security-Policy allows inline scripts
 * with. Only the server knows it; in the browser it is an empty string.
 */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);

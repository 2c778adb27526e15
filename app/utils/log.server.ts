/**
 * The server's log: one JSON line per request (server/http.ts) and one per
 * server error, on standard output, each with the request's id so that the
 * "error reference" a learner reads out from an error page finds both.
 *
 * What goes in is chosen with care: no query strings (password reset links
 * carry their token there), no cookies, no form fields, no addresses.
 */
import { pino, type DestinationStream, type Logger } from "pino";
import { env } from "~/utils/env.server";
import { requestId } from "~/utils/request-scope.server";

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

// One logger per process, shared by the HTTP layer (loaded from source) and
// the Remix build (a bundled copy of this module), like the request scope.
const shared = globalThis as unknown as { __hocSoLogger?: Logger };

export function logger(): Logger {
  return (shared.__hocSoLogger ??= createLogger(env().LOG_LEVEL));
}

/** Logs an error that became (or will become) a 5xx, with the id of the request it happened in. */
export function logServerError(error: unknown, message = "server error") {
  logger().error({ err: error, requestId: requestId() }, message);
}

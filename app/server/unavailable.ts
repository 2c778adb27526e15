/**
 * When the database cannot serve a request (its write lock did not come in
 * time, the disk is full or failing), the learner gets a 503 with
 * Retry-After and a page that says "busy, try again", not a 500 that says
 * something broke. The error is thrown deep in a model; this wraps every
 * route's loader and action once per build to turn it into that response.
 */
import { isRouteErrorResponse } from "@remix-run/react";
import { json, type ServerBuild } from "@remix-run/node";
import { isDatabaseUnavailable } from "~/utils/sqlite.server";

type Handler = (...args: never[]) => unknown;

function answer503<F extends Handler>(handler: F): F {
  return (async (...args: Parameters<F>) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      throw json(
        { unavailable: true, retryAfterSeconds: error.retryAfterSeconds },
        { status: 503, headers: { "Retry-After": String(error.retryAfterSeconds), "Cache-Control": "no-store" } },
      );
    }
  }) as F;
}

/**
 * Remix builds a document's headers from the routes' `headers` exports, not
 * from the thrown response; entry.server.tsx copies Retry-After with this.
 */
export function retryAfterOf(errors: Record<string, unknown> | null | undefined): string | null {
  for (const error of Object.values(errors ?? {})) {
    if (isRouteErrorResponse(error) && error.status === 503) {
      const seconds = (error.data as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
      if (typeof seconds === "number") return String(seconds);
    }
  }
  return null;
}

const wrapped = new WeakMap<ServerBuild, ServerBuild>();

export function answerUnavailableDatabaseWith503(build: ServerBuild): ServerBuild {
  let result = wrapped.get(build);
  if (!result) {
    const routes = Object.fromEntries(
      Object.entries(build.routes).map(([id, route]) => {
        const { loader, action } = route.module;
        const module = {
          ...route.module,
          ...(loader ? { loader: answer503(loader) } : {}),
          ...(action ? { action: answer503(action) } : {}),
        };
        return [id, { ...route, module }];
      }),
    );
    result = { ...build, routes };
    wrapped.set(build, result);
  }
  return result;
}

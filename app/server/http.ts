/**
 * The HTTP layer around Remix: everything a request meets before a route.
 *
 * Why a small Express server rather than remix-serve: we need security
 * headers on every response (static files too), a per-request CSP nonce,
 * request-size limits, a same-origin check on state changes, a request id
 * and log line per request, and a shutdown that closes the database after
 * the last request (docs/decisions/0002).
 */
import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { en } from "~/locales/en";
import { vi } from "~/locales/vi";
import { localeFromCookieHeader, translate, type MessageKey } from "~/utils/i18n";
import type { Logger } from "~/utils/log.server";
import { runInRequestScope } from "~/utils/request-scope.server";
import { answerUnavailableDatabaseWith503 } from "~/server/unavailable";
import { escapeHtml } from "~/utils/text";

export type HttpOptions = {
  /** Returns the current Remix build: fixed in production, reloaded in development. */
  getBuild: () => ServerBuild | Promise<ServerBuild>;
  mode: "production" | "development";
  publicUrl: string;
  maxBodyBytes: number;
  projectRoot: string;
  /** Express's "trust proxy", from TRUST_PROXY: false believes no forwarded header. */
  trustProxy: false | number | string[];
  logger: Logger;
};

export function createHttpApp(options: HttpOptions) {
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For and -Proto are believed only from the proxies TRUST_PROXY
  // names: from anyone else they would let a client pick the address that
  // rate limits count against.
  app.set("trust proxy", options.trustProxy);

  app.use(requestContext(options.logger));
  app.use(securityHeaders(options));
  app.use(allowUsedMethods);
  app.use(rejectMalformedUrls);
  app.use(compression());

  // Remix's hashed bundles never change under one name: cache them for a year.
  app.use(
    "/build",
    express.static(path.join(options.projectRoot, "public/build"), { immutable: true, maxAge: "1y", index: false }),
  );
  // Other public files keep their names across releases: an hour, then revalidate.
  app.use(express.static(path.join(options.projectRoot, "public"), { maxAge: "1h", index: false }));

  app.use(limitBodySize(options.maxBodyBytes));
  app.use(requireSameOrigin(options));

  app.all("*", async (req, res, next) => {
    // A page for a signed-in person, or one whose address carries a reset
    // token, must not be kept by a shared cache or the back button's store.
    if (hasSessionCookie(req) || req.path === "/reset-password") {
      res.setHeader("Cache-Control", "private, no-store");
    }
    try {
      const build = answerUnavailableDatabaseWith503(await options.getBuild());
      const handler = createRequestHandler({
        build,
        mode: options.mode,
        getLoadContext: () => ({ cspNonce: String(res.locals.cspNonce) }),
      });
      await handler(req, res, next);
    } catch (error) {
      next(error);
    }
  });

  // Errors that escape Remix (a body cut off mid-stream, for example).
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = statusOf(error);
    if (status >= 500) options.logger.error({ err: error, requestId: requestIdOf(res) }, "server error");
    if (res.headersSent) return res.end();
    sendPlainError(req, res, status, status === 413 ? "http.tooLarge" : "error.badRequest");
  });

  return app;
}

function statusOf(error: unknown): number {
  if (error && typeof error === "object") {
    const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 600) return status;
  }
  return 500;
}

// What an incoming X-Request-Id may look like: a token, nothing to escape.
const FORWARDED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives each request an id, answers it in X-Request-Id, opens the request
 * scope (client address and id, for rate limits and error logs) and writes
 * one log line when the response is done.
 *
 * The id is short enough to read out over the phone from an error page. A
 * trusted proxy's own id is kept, so one id finds the request in both logs.
 */
function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const forwarded = req.headers["x-request-id"];
    // Express keeps "trust proxy" compiled as this function: is the peer itself a trusted proxy?
    const trusts = req.app.get("trust proxy fn") as (address: string, hop: number) => boolean;
    const fromTrustedProxy = trusts(req.socket.remoteAddress ?? "", 0);
    const id =
      fromTrustedProxy && typeof forwarded === "string" && FORWARDED_REQUEST_ID.test(forwarded) ? forwarded : crypto.randomBytes(6).toString("hex");
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    res.once("close", () => {
      // The path only: query strings carry password reset tokens.
      logger.info(
        {
          method: req.method,
          path: req.path.slice(0, 300),
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          requestId: id,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        "request",
      );
    });
    // req.ip honours X-Forwarded-For only from a trusted proxy ("trust proxy" above).
    runInRequestScope(req.ip ?? "unknown", next, id);
  };
}

function requestIdOf(res: Response): string {
  return String(res.locals.requestId ?? "");
}

function securityHeaders(options: HttpOptions) {
  const https = options.publicUrl.startsWith("https://");
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "media-src 'self' https:",
      // The development server reloads the page over a WebSocket.
      options.mode === "development" ? "connect-src 'self' ws: http://localhost:*" : "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; ");
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const USED_METHODS = ["GET", "HEAD", "POST"];

/**
 * Pages and forms use GET, HEAD and POST only. Anything else is a 405 here:
 * some (TRACE) cannot even become a Fetch Request for Remix, which was a 500.
 */
function allowUsedMethods(req: Request, res: Response, next: NextFunction) {
  if (USED_METHODS.includes(req.method)) return next();
  res.setHeader("Allow", USED_METHODS.join(", "));
  sendPlainError(req, res, 405, "http.methodNotAllowed");
}

/** "/%E0%A4%A" cannot be decoded; answer 400 instead of letting a router throw. */
function rejectMalformedUrls(req: Request, res: Response, next: NextFunction) {
  try {
    decodeURIComponent(req.path);
    next();
  } catch {
    sendPlainError(req, res, 400, "error.badRequest");
  }
}

/**
 * Refuses bodies over the limit before reading them. A body must declare its
 * length (browsers always do for forms); Node's parser then guarantees the
 * body is no longer than declared, so nothing has to count bytes.
 */
function limitBodySize(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody = req.headers["transfer-encoding"] !== undefined || req.headers["content-length"] !== undefined;
    if (!hasBody) return next();
    const declared = Number(req.headers["content-length"]);
    if (req.headers["content-length"] === undefined || !Number.isFinite(declared)) {
      res.setHeader("Connection", "close");
      return sendPlainError(req, res, 411, "http.lengthRequired");
    }
    if (declared > maxBytes) {
      res.setHeader("Connection", "close");
      return sendPlainError(req, res, 413, "http.tooLarge");
    }
    next();
  };
}

/**
 * A state change from another site is a cross-site request forgery: refuse
 * it. Browsers send Origin with every form post and fetch; it must be the
 * site's own origin, scheme included (PUBLIC_URL).
 *
 * A request without Origin that carries the session cookie did come from a
 * browser, an old one or one whose extension strips the header: it is
 * accepted only if its Referer is on the site. Without the cookie there is
 * nobody to act as, so scripts and tests may post without either header.
 */
function requireSameOrigin({ publicUrl, mode }: HttpOptions) {
  const siteOrigin = new URL(publicUrl).origin;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    // In development the site is also opened at other addresses (127.0.0.1,
    // a phone on the local network): a page may post to where it came from.
    // Not in production, where PUBLIC_URL is the one address.
    const isSite = (origin: string | null) =>
      origin !== null && (origin === siteOrigin || (mode === "development" && origin === `${req.protocol}://${req.headers.host}`));
    const refuse = () => sendPlainError(req, res, 403, "http.crossSite");
    if (req.headers["sec-fetch-site"] === "cross-site") return refuse();
    const { origin, referer } = req.headers;
    if (origin !== undefined) return isSite(originOf(origin)) ? next() : refuse();
    if (!hasSessionCookie(req)) return next();
    return referer !== undefined && isSite(originOf(referer)) ? next() : refuse();
  };
}

/** scheme://host:port of an address; null for "null" and anything else that is not one. */
function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

function hasSessionCookie(req: Request): boolean {
  return /(?:^|;\s*)(?:__Host-)?hocso_session=/.test(req.headers.cookie ?? "");
}

/**
 * A small page for requests refused before Remix runs: in the reader's
 * language (read from the same cookie Remix uses), never a stack trace.
 */
function sendPlainError(req: Request, res: Response, status: number, key: MessageKey) {
  const locale = localeFromCookieHeader(req.headers.cookie);
  const messages = locale === "en" ? en : vi;
  const t = (message: MessageKey, params?: Record<string, string>) => escapeHtml(translate(locale, messages, message, params));
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t("app.name")}</title></head>` +
        `<body><main><h1>${t("error.title")}</h1><p>${t(key)}</p><p>${t("error.reference", { id: requestIdOf(res) })}</p>` +
        `<p><a href="/">${t("notFound.home")}</a></p></main></body></html>`,
    );
}

import { Transform } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nProvider } from "~/components/i18n-provider";
import { NonceContext } from "~/components/nonce";
import { RequestIdContext } from "~/components/request-id";
import { closeDatabase } from "~/utils/db.server";
import { getLocale, messagesFor } from "~/utils/i18n.server";
import { logServerError } from "~/utils/log.server";
import { requestId } from "~/utils/request-scope.server";
import { deleteExpiredSessions } from "~/utils/auth.server";
import { assertDatabaseReady } from "~/utils/startup.server";
import { serverKey } from "~/models/server-key.server";
import { ensureIssuerKey } from "~/models/issuer.server";
import { firstAdminNotice } from "~/models/setup.server";
import { purgeExpiredThrottles } from "~/models/throttle.server";
import { loadCourses } from "~/models/course.server";
import { formatProblem } from "~/models/content/problems";
import { retryAfterOf } from "~/server/unavailable";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const retryAfter = retryAfterOf(remixContext.staticHandlerContext.errors);
  if (retryAfter) responseHeaders.set("Retry-After", retryAfter);
  const locale = await getLocale(request);
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  // Crawlers and no-JavaScript readers get the whole page at once; browsers
  // get the shell as soon as it is ready.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nProvider locale={locale} messages={messagesFor(locale)}>
          <RequestIdContext.Provider value={requestId() ?? ""}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </RequestIdContext.Provider>
        </I18nProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is ready are reported by onShellError.
          if (shellRendered) logServerError(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Errors in loaders, actions and rendering, which Remix answers with a 500:
 * logged with the request id the error page shows. A reader who went away
 * mid-request is not an error.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  // An unexpected error may arrive wrapped in an error response: log the error itself.
  logServerError(isRouteErrorResponse(error) && "error" in error ? error.error : error);
};

/** Called by the HTTP server before it listens, and again after each development rebuild. */
export async function startup() {
  await assertDatabaseReady();
  // Tables that would otherwise only grow.
  await deleteExpiredSessions();
  await purgeExpiredThrottles();
  // Made on the first start, so a key is never made in the middle of a request.
  await serverKey("device-cookie");
  const issuerKey = await ensureIssuerKey();
  if (issuerKey.created) console.log(`Made the certificate signing key in ${issuerKey.file}. Back it up: without it no new certificate can be signed.`);
  // No demo admin with a published password: a fresh installation's first admin comes from this link.
  const notice = await firstAdminNotice();
  if (notice) console.log(notice);
  // Lessons are compiled here (or read from the compile cache), never on a request.
  const started = performance.now();
  const { courses, problems } = await loadCourses();
  const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
  console.log(`Loaded ${courses.length} courses, ${lessons} lessons in ${Math.round(performance.now() - started)} ms.`);
  if (problems.length > 0) {
    console.warn(`${problems.length} content problems (run npm run content:check):`);
    for (const problem of problems) console.warn(`  ${formatProblem(problem, "en")}`);
  }
}

/** Called by the HTTP server on SIGTERM, after the last request has finished. */
export async function shutdown() {
  await closeDatabase();
}

/**
 * React 18's stream renderer sends its whole 2 KiB buffer when a character
 * of several bytes does not fit at its end, unused zero bytes included
 * (fixed in React 19). Vietnamese is full of such characters: now and then a
 * name came out as "Ngư\0\0ời", which browsers show as "Ngư��ời" and which
 * hydration does not repair in attributes. A page never holds a NUL byte
 * (forms refuse it), so dropping every one is exact.
 */
export function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}

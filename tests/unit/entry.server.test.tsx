import { afterEach, expect, test, vi } from "vitest";
import { handleError } from "~/entry.server";
import { logger } from "~/utils/log.server";
import { runInRequestScope } from "~/utils/request-scope.server";

afterEach(() => {
  vi.restoreAllMocks();
});

const args = (request: Request) => ({ request, params: {}, context: { cspNonce: "" } });

test("an error in a loader or action is logged with the id of its request", () => {
  const log = vi.spyOn(logger(), "error");
  const boom = new Error("boom");
  runInRequestScope("127.0.0.1", () => handleError(boom, args(new Request("http://localhost/courses"))), "0a1b2c3d4e5f");
  expect(log).toHaveBeenCalledWith({ err: boom, requestId: "0a1b2c3d4e5f" }, "server error");
});

test("a reader who went away mid-request is not logged as an error", () => {
  const log = vi.spyOn(logger(), "error");
  const controller = new AbortController();
  controller.abort();
  handleError(new Error("aborted"), args(new Request("http://localhost/courses", { signal: controller.signal })));
  expect(log).not.toHaveBeenCalled();
});

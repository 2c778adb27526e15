import { expect, test, vi } from "vitest";
import { createUser } from "../../setup/accounts";
import { deviceCookieFor, readDeviceCookie, startSession } from "~/utils/auth.server";

// Before any module reads the settings: this file's server is served over HTTPS.
vi.hoisted(() => {
  process.env.PUBLIC_URL = "https://hocso.example.vn";
});

test("over HTTPS the session and device cookies are Secure, with the __Host- prefix, and read back", async () => {
  const { id } = await createUser();
  const session = await startSession(id, new Request("https://hocso.example.vn/"));
  const device = await deviceCookieFor(id);
  for (const cookie of [session, device]) {
    expect(cookie).toMatch(/^__Host-hocso_(session|device)=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  }
  const request = new Request("https://hocso.example.vn/sign-in", { headers: { Cookie: device.split(";")[0]! } });
  expect(await readDeviceCookie(request)).toMatchObject({ userId: id });
});

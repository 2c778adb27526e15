import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export { expect };

const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe on the page as it is now and fails with a readable list of violations. */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  expect(
    violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `accessibility violations on ${page.url()}`,
  ).toEqual([]);
}

const checkedInThisWorker = new Set<string>();

/**
 * Every page a test visits is checked with axe when the test ends: each URL
 * the tab navigated to is opened again, with the test's cookies, in a
 * JavaScript-enabled context (axe needs JavaScript even when the test ran
 * without it), so no test can forget the check.
 */
async function checkVisited(browser: Browser, context: BrowserContext, urls: Set<string>, origin: string) {
  const state = await context.storageState();
  // The same address with the same cookies (the same person, or nobody, in
  // the same language) is the same page: check it once per worker, not once
  // per test that passes by.
  const cookies = state.cookies.map((c) => `${c.name}=${c.value}`).sort().join(";");
  const unchecked = [...urls].filter((url) => url.startsWith(origin) && !checkedInThisWorker.has(`${cookies} ${url}`));
  if (unchecked.length === 0) return;
  const checker = await browser.newContext({ storageState: state, locale: "vi-VN", javaScriptEnabled: true });
  try {
    for (const url of unchecked) {
      checkedInThisWorker.add(`${cookies} ${url}`);
      const page = await checker.newPage();
      await page.goto(url);
      await expectAccessible(page);
      await page.close();
    }
  } finally {
    await checker.close();
  }
}

/** Waits until the page's JavaScript has taken over (root.tsx marks <html data-hydrated>); at once for pages without any. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true" || !document.querySelector('script[type="module"]'));
}

export const test = base.extend<{ axeEveryPage: void }>({
  // With JavaScript on, a page loaded by goto or reload is used only once
  // hydrated: a click before that posts the form the plain way, which is
  // what the tests with JavaScript off are for.
  page: async ({ page, javaScriptEnabled }, use) => {
    if (javaScriptEnabled) {
      const goto = page.goto.bind(page);
      const reload = page.reload.bind(page);
      page.goto = async (url, options) => {
        const response = await goto(url, options);
        await hydrated(page);
        return response;
      };
      page.reload = async (options) => {
        const response = await reload(options);
        await hydrated(page);
        return response;
      };
    }
    await use(page);
  },
  axeEveryPage: [
    async ({ page, context, browser, baseURL }, use, testInfo) => {
      const visited = new Set<string>();
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) visited.add(frame.url().split("#")[0] ?? frame.url());
      });
      await use();
      if (testInfo.status === testInfo.expectedStatus && baseURL) {
        await checkVisited(browser, context, visited, baseURL);
      }
    },
    { auto: true },
  ],
});

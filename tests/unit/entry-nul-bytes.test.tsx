/**
 * React 18's stream renderer pads a 2 KiB buffer with zero bytes when a
 * character of several bytes does not fit at its end; Vietnamese text hits
 * it. The page stream drops them (withoutNulBytes in entry.server).
 */
import { PassThrough, type Transform } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { expect, test } from "vitest";
import { withoutNulBytes } from "~/entry.server";

/** Many short Vietnamese text nodes: one of them ends up across the renderer's buffer boundary. */
const page = (
  <div>
    {Array.from({ length: 60 }, (_, i) => (
      <span key={i}>{"Người ".repeat(40)}</span>
    ))}
  </div>
);

function render(through: Transform | PassThrough): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    through.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
    through.on("end", () => resolve(Buffer.concat(chunks)));
    through.on("error", reject);
    const { pipe } = renderToPipeableStream(page, { onAllReady: () => pipe(through), onError: reject });
  });
}

test("the renderer alone leaves zero bytes in Vietnamese text; the page stream has none and every word intact", async () => {
  const raw = await render(new PassThrough());
  expect(raw.includes(0)).toBe(true);
  const clean = await render(withoutNulBytes());
  expect(clean.includes(0)).toBe(false);
  expect(clean.toString("utf8").match(/Người/g)).toHaveLength(60 * 40);
  expect(clean.toString("utf8")).not.toContain("\uFFFD");
});

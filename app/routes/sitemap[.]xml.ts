import { allContentPaths } from "~/models/course.server";
import { env } from "~/utils/env.server";

export function loader() {
  const base = env().PUBLIC_URL;
  const urls = ["/", "/courses", ...allContentPaths()]
    .map((path) => `  <url><loc>${base}${path}</loc></url>`)
    .join("\n");
  return new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`,
    { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } },
  );
}

import fs from "node:fs/promises";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { slugPattern } from "~/models/content/taxonomy";
import { contentRoot, getCourse } from "~/models/course.server";

const types: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".vtt": "text/vtt; charset=utf-8",
};

/** Images, videos and captions from a course's media/ folder. */
export async function loader({ params }: LoaderFunctionArgs) {
  const course = params.course ?? "";
  const file = params.file ?? "";
  // Check names before they touch the disk, and that the path stays inside the folder.
  if (!slugPattern.test(course) || !/^[A-Za-z0-9._-]+$/.test(file) || file.startsWith(".") || !getCourse(course)) {
    throw new Response("Not found", { status: 404 });
  }
  const folder = path.join(contentRoot, course, "media");
  const full = path.resolve(folder, file);
  const type = types[path.extname(file).toLowerCase()];
  if (!type || !full.startsWith(folder + path.sep)) throw new Response("Not found", { status: 404 });
  const body = await fs.readFile(full).catch(() => null);
  if (!body) throw new Response("Not found", { status: 404 });
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Cache-Control": "public, max-age=86400",
      // SVGs could carry scripts: never run anything inside a media file.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}

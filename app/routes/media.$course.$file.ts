import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCourseMedia } from "~/models/course.server";

/** Images, videos and captions from a course's media/ folder. */
export async function loader({ params }: LoaderFunctionArgs) {
  const media = await getCourseMedia(params.course ?? "", params.file ?? "");
  if (!media) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(media.body), {
    headers: {
      "Content-Type": media.type,
      "Cache-Control": "public, max-age=86400",
      // An SVG could carry a script: never run anything inside a media file.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}

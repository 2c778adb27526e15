import type { MetaDescriptor } from "@remix-run/node";

/** Title, description and Open Graph tags for a page, from loader data. */
export function pageMeta(page: { title: string; description: string; url: string; locale: string; type?: "website" | "article" }): MetaDescriptor[] {
  return [
    { title: page.title },
    { name: "description", content: page.description },
    { property: "og:title", content: page.title },
    { property: "og:description", content: page.description },
    { property: "og:type", content: page.type ?? "website" },
    { property: "og:url", content: page.url },
    { property: "og:site_name", content: "Học Số" },
    { property: "og:locale", content: page.locale === "en" ? "en_GB" : "vi_VN" },
    { tagName: "link", rel: "canonical", href: page.url },
  ];
}

/** The root route's meta, for a page that has no data of its own (it threw a 404 or an error). */
export function rootMeta(matches: ReadonlyArray<{ id: string; meta: MetaDescriptor[] }>): MetaDescriptor[] {
  return matches.find((m) => m.id === "root")?.meta ?? [];
}

/** Pages about one person's account: a title, and no place in search engines. */
export function privateMeta(title: string | undefined): MetaDescriptor[] {
  return title ? [{ title }, { name: "robots", content: "noindex" }] : [];
}

/** A page whose address carries a one-time token (reset, first admin): private, and never named to another site. */
export function tokenPageMeta(title: string | undefined): MetaDescriptor[] {
  return [...privateMeta(title), { name: "referrer", content: "no-referrer" }];
}

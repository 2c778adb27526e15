/**
 * Courses and lessons as the routes see them. Content is files, loaded into
 * memory when the server starts (loadCourses); these functions only read
 * that memory, so they cost no disk, database or compile time per request.
 */
import type { QuizDefinition } from "~/models/content/quiz.server";
import fs from "node:fs/promises";
import path from "node:path";
import type { CompiledLesson } from "~/models/content/compile.server";
import { loadContent, type Course } from "~/models/content/library.server";
import type { ContentProblem } from "~/models/content/problems";
import { z } from "zod";
import { audiences, levelBand, levelBands, slugPattern, type Audience, type CompetenceArea, type LevelBand } from "~/models/content/taxonomy";
import { buildSearchIndex, type SearchIndex } from "~/models/content/search.server";
import { projectRoot } from "~/utils/env.server";

export type { Course, CompiledLesson };

type Catalogue = { root: string; courses: Course[]; bySlug: Map<string, Course>; search: SearchIndex; problems: ContentProblem[] };

// Shared across development rebuilds, like the database client.
const store = globalThis as unknown as { __hocSoCatalogue?: Catalogue };

export const contentRoot = path.join(projectRoot, "content");
export const contentCacheDir = path.join(projectRoot, ".cache/content");

/**
 * Loads (or reloads) the courses. Called at start-up and after each
 * development rebuild; unchanged lessons come from the compile cache.
 */
export async function loadCourses(options: { root?: string; cacheDir?: string | null } = {}) {
  const root = path.resolve(options.root ?? contentRoot);
  const result = await loadContent({
    root,
    cacheDir: options.cacheDir === null ? undefined : (options.cacheDir ?? contentCacheDir),
  });
  const previous = store.__hocSoCatalogue;
  const courses = [...result.courses].sort(catalogueOrder);
  store.__hocSoCatalogue = {
    root,
    courses,
    bySlug: new Map(courses.map((c) => [c.slug, c])),
    search: buildSearchIndex(courses),
    problems: result.problems,
  };
  previous?.search.close();
  return result;
}

function catalogue(): Catalogue {
  const loaded = store.__hocSoCatalogue;
  if (!loaded) throw new Error("Courses are not loaded: loadCourses() runs at start-up (entry.server startup).");
  return loaded;
}

export type CatalogueFilters = {
  q?: string;
  audience?: Audience;
  area?: CompetenceArea;
  level?: LevelBand;
};

// Filters come from links and selects; a value we do not know is ignored
// (shown as "all") rather than refused, so an old or edited link still works.
const CatalogueFilters = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  audience: z.enum(audiences).optional().catch(undefined),
  area: z.coerce
    .number()
    .int()
    .min(1)
    .max(6)
    .transform((n) => n as CompetenceArea)
    .optional()
    .catch(undefined),
  level: z.enum(levelBands).optional().catch(undefined),
});

export function parseCatalogueFilters(params: URLSearchParams): CatalogueFilters {
  return CatalogueFilters.parse(Object.fromEntries([...params].filter(([, value]) => value !== "")));
}

export type CourseCard = {
  slug: string;
  title: string;
  summary: string;
  audience: Audience[];
  area: CompetenceArea;
  level: number;
  levelBand: LevelBand;
  minutes: number;
  periods: number;
  lessonCount: number;
  /** Lessons whose text matched the search, by title. */
  matchingLessons: Array<{ slug: string; title: string }>;
};

function toCard(course: Course, matching: string[] = []): CourseCard {
  const titles = new Map(course.lessons.map((l) => [l.slug, l.title]));
  return {
    slug: course.slug,
    title: course.meta.title,
    summary: course.meta.summary,
    audience: course.meta.audience,
    area: course.meta.competence.area,
    level: course.meta.level,
    levelBand: levelBand(course.meta.level),
    minutes: course.meta.minutes,
    periods: course.periods,
    lessonCount: course.lessons.length,
    matchingLessons: matching.slice(0, 3).map((slug) => ({ slug, title: titles.get(slug) ?? slug })),
  };
}

/** The catalogue: courses matching the filters, best search matches first. */
export function listCourses(filters: CatalogueFilters = {}): CourseCard[] {
  const { courses, bySlug, search } = catalogue();
  const keep = (c: Course) =>
    (!filters.audience || c.meta.audience.includes(filters.audience)) &&
    (!filters.area || c.meta.competence.area === filters.area) &&
    (!filters.level || levelBand(c.meta.level) === filters.level);

  if (filters.q?.trim()) {
    return search
      .search(filters.q)
      .map((hit) => ({ course: bySlug.get(hit.course), hit }))
      .filter((x): x is { course: Course; hit: typeof x.hit } => Boolean(x.course) && keep(x.course!))
      .map(({ course, hit }) => toCard(course, hit.lessons));
  }
  return courses.filter(keep).map((c) => toCard(c));
}

const collator = new Intl.Collator("vi");

/** Catalogue order: easiest first, residents' courses before officials', then by title as Vietnamese sorts it. */
function catalogueOrder(a: Course, b: Course) {
  const residentsFirst = (c: Course) => (c.meta.audience.includes("residents") ? 0 : 1);
  return a.meta.level - b.meta.level || residentsFirst(a) - residentsFirst(b) || collator.compare(a.meta.title, b.meta.title);
}

export function getCourse(slug: string): Course | null {
  return catalogue().bySlug.get(slug) ?? null;
}

/** What the course page shows: the catalogue card plus the outline. */
export function getCourseOverview(slug: string) {
  const course = getCourse(slug);
  if (!course) return null;
  return {
    ...toCard(course),
    lessons: course.lessons.map((l) => ({ slug: l.slug, title: l.title, description: l.description, minutes: l.minutes })),
  };
}

/** The lesson with its neighbours, or null when the course or lesson does not exist. */
export function getLesson(courseSlug: string, lessonSlug: string) {
  const course = getCourse(courseSlug);
  if (!course) return null;
  const index = course.lessons.findIndex((l) => l.slug === lessonSlug);
  if (index < 0) return null;
  return {
    course,
    lesson: course.lessons[index]!,
    index,
    previous: course.lessons[index - 1] ?? null,
    next: course.lessons[index + 1] ?? null,
  };
}

/** Every course and lesson address, for the sitemap. */
export function allContentPaths(): string[] {
  return catalogue().courses.flatMap((c) => [`/courses/${c.slug}`, ...c.lessons.map((l) => `/courses/${c.slug}/${l.slug}`)]);
}

export function contentProblems(): ContentProblem[] {
  return catalogue().problems;
}

const mediaTypes: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".vtt": "text/vtt; charset=utf-8",
};

/**
 * A file from a course's media/ folder, or null. Names are checked before
 * they touch the disk, and the resolved path must stay inside the folder.
 */
export async function getCourseMedia(courseSlug: string, file: string): Promise<{ body: Buffer; type: string } | null> {
  if (!slugPattern.test(courseSlug) || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file) || !getCourse(courseSlug)) return null;
  const type = mediaTypes[path.extname(file).toLowerCase()];
  const folder = path.join(catalogue().root, courseSlug, "media");
  const full = path.resolve(folder, file);
  if (!type || !full.startsWith(folder + path.sep)) return null;
  const body = await fs.readFile(full).catch(() => null);
  return body ? { body, type } : null;
}

/** A quiz by course and id, with its key: server-only, for starting and grading attempts. */
export function getQuizDefinition(courseSlug: string, quizId: string): { definition: QuizDefinition; lessonSlug: string } | null {
  const course = getCourse(courseSlug);
  for (const lesson of course?.lessons ?? []) {
    const definition = lesson.quizzes.find((q) => q.id === quizId);
    if (definition) return { definition, lessonSlug: lesson.slug };
  }
  return null;
}

/**
 * What a course folder must contain, as schemas: course.yml, each lesson's
 * frontmatter, and the properties of each component a lesson may use.
 * docs/writing-a-course.md explains them for trainers.
 */
import { z } from "zod";
import { audiences, communitySkills, slugPattern } from "~/models/content/taxonomy";

export * from "~/models/content/taxonomy";
export const Slug = z.string().max(100).regex(slugPattern, "slug");

export const lessonCompletionRules = ["viewed", "marked", "quiz"] as const;

export const CourseMeta = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().min(1).max(1000),
    audience: z.array(z.enum(audiences)).min(1),
    competence: z
      .object({
        area: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
        digcomp: z.array(z.string().regex(/^[1-5]\.[1-6]$/, "digcomp")).default([]),
        communitySkill: z.enum(communitySkills).optional(),
      })
      .strict(),
    level: z.number().int().min(1).max(8),
    minutes: z.number().int().min(1).max(6000),
    /** 45-minute periods (tiết); defaults to the minutes rounded up. */
    periods: z.number().min(0.5).max(200).optional(),
    language: z.enum(["vi", "en"]).default("vi"),
    version: z.number().int().min(1),
    lessons: z.array(Slug).min(1),
    completion: z
      .object({
        /** How a lesson counts as done, unless its frontmatter says otherwise. */
        lesson: z.enum(lessonCompletionRules).default("viewed"),
        /** Lessons added after a learner enrolled: required for them too, or optional. */
        newLessons: z.enum(["required", "optional"]).default("optional"),
      })
      .strict()
      .default({ lesson: "viewed", newLessons: "optional" }),
    certificate: z
      .object({
        enabled: z.boolean().default(true),
        /** Months a certificate stays valid; unset, it does not expire. */
        validMonths: z.number().int().min(1).max(120).optional(),
      })
      .strict()
      .default({ enabled: true }),
    /** Email addresses of the trainers who see this course's quiz statistics. */
    trainers: z.array(z.string().trim().toLowerCase().email()).default([]),
  })
  .strict();
export type CourseMeta = z.infer<typeof CourseMeta>;

export const LessonFrontmatter = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(400),
    minutes: z.number().int().min(1).max(120),
    /** This lesson's completion rule, when it differs from the course's. */
    completion: z.enum(lessonCompletionRules).optional(),
  })
  .strict();
export type LessonFrontmatter = z.infer<typeof LessonFrontmatter>;

/** Properties of each component a lesson may use; a name not here is a content error. */
export const componentProps = {
  Callout: z.object({ type: z.enum(["note", "tip", "warning"]), title: z.string().min(1).optional() }).strict(),
  Steps: z.object({}).strict(),
  Term: z.object({ name: z.string().min(1), definition: z.string().min(1) }).strict(),
  Figure: z.object({ src: z.string().min(1), alt: z.string().trim().min(1), caption: z.string().trim().min(1) }).strict(),
  Video: z
    .object({ src: z.string().min(1), captions: z.string().min(1), title: z.string().trim().min(1) })
    .strict(),
  Source: z
    .object({
      title: z.string().trim().min(1),
      publisher: z.string().trim().min(1),
      date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
      // A URL parser accepts javascript: too; a citation opens a web page.
      url: z.string().url().regex(/^https?:\/\//i).optional(),
    })
    .strict(),
} as const;
export type ComponentName = keyof typeof componentProps;
export const componentNames = Object.keys(componentProps) as ComponentName[];

export type SourceCitation = z.infer<(typeof componentProps)["Source"]>;

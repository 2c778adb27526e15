import { Link } from "@remix-run/react";
import { useCourseLabels } from "~/components/course/facts";
import { CourseMarks, type CourseMarkView } from "~/components/course/required";
import { useT } from "~/components/i18n-provider";
import type { CourseCard as CourseCardData } from "~/models/course.server";

/** One course in the catalogue; with the signed-in learner's marks when there are any. */
export function CourseCard({ course, mark }: { course: CourseCardData; mark?: CourseMarkView | null }) {
  const t = useT();
  const labels = useCourseLabels();
  return (
    <li className="card course-card">
      <h2>
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </h2>
      <CourseMarks mark={mark} />
      <p>{course.summary}</p>
      <ul className="chips" aria-label={t("course.facts")}>
        {course.audience.map((a) => (
          <li key={a}>{labels.audience(a)}</li>
        ))}
        <li>{labels.level(course.levelBand, course.level)}</li>
        <li>{labels.duration(course.minutes, course.periods)}</li>
        <li>{t("course.lessonCount", { count: course.lessonCount })}</li>
      </ul>
      {course.matchingLessons.length > 0 ? (
        <p className="matches">
          {t("catalogue.matchingLessons")}{" "}
          {course.matchingLessons.map((l, i) => (
            <span key={l.slug}>
              {i > 0 ? ", " : null}
              <Link to={`/courses/${course.slug}/${l.slug}`}>{l.title}</Link>
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}

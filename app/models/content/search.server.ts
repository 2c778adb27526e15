/**
 * Full-text search over courses and lessons, built from the content when it
 * loads: an in-memory SQLite FTS5 table, so a query never scans the lessons.
 *
 * Text is folded before it is indexed and before it is queried (lower case,
 * no tone marks, đ → d), so "dich vu cong", "dịch vụ công" and "DỊCH VỤ
 * CÔNG" match the same rows, and so do "hoà" and "hòa".
 */
import Database from "better-sqlite3";
import type { Course } from "~/models/content/library.server";
import { foldVietnamese } from "~/utils/text";

export type SearchHit = { course: string; lessons: string[] };

export type SearchIndex = {
  search(query: string, limit?: number): SearchHit[];
  close(): void;
};

/** Words of a query, folded, as FTS5 prefix terms: "dich vu" → "dich"* "vu"*. */
export function toMatchExpression(query: string): string | null {
  const words = foldVietnamese(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
  return words.length ? words.map((w) => `"${w}"*`).join(" ") : null;
}

export function buildSearchIndex(courses: Course[]): SearchIndex {
  const db = new Database(":memory:");
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(
    course UNINDEXED, lesson UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
  )`);
  const insert = db.prepare("INSERT INTO docs (course, lesson, title, body) VALUES (?, ?, ?, ?)");
  db.transaction(() => {
    for (const course of courses) {
      insert.run(course.slug, "", foldVietnamese(course.meta.title), foldVietnamese(course.meta.summary));
      for (const lesson of course.lessons) {
        insert.run(course.slug, lesson.slug, foldVietnamese(lesson.title), foldVietnamese(`${lesson.description} ${lesson.text}`));
      }
    }
  })();
  // Titles weigh more than body text: bm25 with column weights (title 5, body 1).
  const query = db.prepare<[string, number], { course: string; lesson: string }>(
    "SELECT course, lesson FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 0, 5.0, 1.0) LIMIT ?",
  );

  return {
    search(text, limit = 200) {
      const match = toMatchExpression(text);
      if (!match) return [];
      const hits = new Map<string, SearchHit>();
      for (const row of query.all(match, limit)) {
        const hit = hits.get(row.course) ?? { course: row.course, lessons: [] };
        if (row.lesson && !hit.lessons.includes(row.lesson)) hit.lessons.push(row.lesson);
        hits.set(row.course, hit);
      }
      return [...hits.values()];
    },
    close() {
      db.close();
    },
  };
}

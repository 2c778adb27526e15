/**
 * `npm run content:new -- <course-slug>`: starts a course from a commented
 * template that passes the content check as it is.
 */
import fs from "node:fs";
import path from "node:path";
import { slugPattern } from "~/models/content/schema";
import { contentRoot } from "~/models/course.server";

const slug = process.argv[2] ?? "";
if (!slugPattern.test(slug)) {
  console.error(
    "Usage: npm run content:new -- <course-slug>\n" +
      "The slug uses lower-case letters without accents, digits and hyphens, e.g. dich-vu-cong-tinh-lao-cai.",
  );
  process.exit(2);
}
const dir = path.join(contentRoot, slug);
if (fs.existsSync(dir)) {
  console.error(`content/${slug} already exists: choose another name.`);
  process.exit(1);
}

const courseYml = `# Khóa học mới. Hướng dẫn đầy đủ: docs/writing-a-course.md
# Tên thư mục (${slug}) là địa chỉ của khóa học: đừng đổi sau khi đã đăng.

title: Tên khóa học
summary: >-
  Một hoặc hai câu nói khóa học giúp người học làm được gì.
# residents (người dân), officials (cán bộ, công chức), hoặc cả hai: [residents, officials]
audience: [residents]
competence:
  # Miền năng lực số (Thông tư 02/2025): 1 dữ liệu và thông tin, 2 giao tiếp và hợp tác,
  # 3 sáng tạo nội dung số, 4 an toàn, 5 giải quyết vấn đề, 6 ứng dụng trí tuệ nhân tạo
  area: 1
  # Năng lực DigComp 2.2 tương ứng, ví dụ "1.1", "4.2"
  digcomp: ["1.1"]
# Bậc 1–8: 1–2 cơ bản, 3–4 trung cấp, 5–6 nâng cao, 7–8 chuyên sâu
level: 1
# Tổng số phút học (cộng số phút của các bài)
minutes: 5
language: vi
# Tăng lên khi thay đổi nội dung khóa học
version: 1
# Thứ tự các bài; mỗi tên là một tệp <tên>.mdx trong thư mục này
lessons:
  - bai-mo-dau
completion:
  # Khi nào một bài được tính là xong: viewed (đã xem), marked (tự đánh dấu), quiz (làm đạt bài kiểm tra)
  lesson: viewed
certificate:
  enabled: true
# Email của người hướng dẫn được xem thống kê bài kiểm tra của khóa (trang /trainer)
trainers: []
`;

const lesson = `---
title: Bài mở đầu
description: Một câu tóm tắt bài học.
minutes: 5
---

{/* Viết bài học ở đây. Xem các thành phần được dùng trong docs/writing-a-course.md. */}

Đoạn mở đầu: bài học giúp người học làm được gì.

## Mục đầu tiên

Nội dung của mục.

<Callout type="tip" title="Mẹo">

Một mẹo ngắn.

</Callout>

## Ghi nhớ

- Ý chính thứ nhất.
- Ý chính thứ hai.
`;

fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "course.yml"), courseYml);
fs.writeFileSync(path.join(dir, "bai-mo-dau.mdx"), lesson);
console.log(`Created content/${slug}/ with course.yml and bai-mo-dau.mdx.\nEdit them, then run: npm run content:check`);

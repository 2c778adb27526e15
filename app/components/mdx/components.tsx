/**
 * The components lessons may use (docs/writing-a-course.md). They are
 * rendered to HTML once, when content is compiled, never in the browser, so
 * they must not use state or effects. Properties are already checked
 * against app/models/content/schema.ts by the compiler.
 */
import type { ReactNode } from "react";
import { translate, type Locale, type Messages } from "~/utils/i18n";

type Labels = { locale: Locale; messages: Messages };

export function createMdxComponents({ locale, messages }: Labels, mediaUrl: (src: string) => string) {
  const t = (key: Parameters<typeof translate>[2]) => translate(locale, messages, key);

  function Callout({ type, title, children }: { type: "note" | "tip" | "warning"; title?: string; children?: ReactNode }) {
    const label = title ?? t(`lesson.callout.${type}`);
    return (
      <aside className={`callout callout-${type}`} aria-label={label}>
        <p className="callout-title">{label}</p>
        {children}
      </aside>
    );
  }

  function Steps({ children }: { children?: ReactNode }) {
    return <div className="steps">{children}</div>;
  }

  function Term({ name, definition }: { name: string; definition: string }) {
    return (
      <span className="term">
        <dfn>{name}</dfn>
        <span className="term-definition"> ({definition})</span>
      </span>
    );
  }

  function Figure({ src, alt, caption }: { src: string; alt: string; caption: string }) {
    return (
      <figure>
        <img src={mediaUrl(src)} alt={alt} loading="lazy" decoding="async" />
        <figcaption>{caption}</figcaption>
      </figure>
    );
  }

  function Video({ src, captions, title, children }: { src: string; captions: string; title: string; children?: ReactNode }) {
    return (
      <figure className="video">
        {/* preload="none": a phone on a metered connection downloads nothing until the learner presses play. */}
        <video controls preload="none" title={title}>
          <source src={mediaUrl(src)} />
          <track kind="captions" src={mediaUrl(captions)} srcLang={locale} label={t("lesson.video.captions")} default />
        </video>
        <figcaption>{title}</figcaption>
        <details className="transcript">
          <summary>{t("lesson.video.transcript")}</summary>
          {children}
        </details>
      </figure>
    );
  }

  // Citations are listed by the lesson page under "Sources", not where they stand.
  function Source() {
    return null;
  }

  // Where a quiz stood: the lesson page renders the quiz here (components/quiz/).
  function QuizSlot({ id }: { id: string }) {
    return <div className="quiz-slot" data-quiz-slot={id} />;
  }

  return { Callout, Steps, Term, Figure, Video, Source, QuizSlot };
}

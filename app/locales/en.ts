import type { Messages } from "~/utils/i18n";

export const en: Messages = {
  "app.name": "Học Số",
  "app.tagline": "Digital skills for everyone",
  "app.description":
    "Học Số is an open online learning platform for digital skills and digital transformation, for residents, public officials and trainers.",

  "nav.label": "Main navigation",
  "nav.home": "Home",
  "nav.courses": "Courses",
  "nav.skipToContent": "Skip to main content",

  "language.label": "Language",
  "language.other": "Tiếng Việt",
  "language.otherCode": "vi",

  "footer.about": "Học Số is open-source software for teaching digital skills to everyone.",
  "footer.verify": "To verify a certificate, scan its QR code or open the link printed on it.",

  "home.title": "Learn digital skills, one step at a time",
  "home.lead":
    "Short, plain lessons that read well on a phone, even on a weak connection. Learning is free and needs no account; sign up to keep your progress and earn certificates.",
  "home.cta": "Browse courses",
  "home.audiences": "Who is Học Số for?",
  "home.residents.title": "Residents",
  "home.residents.body":
    "Use online public services, buy, sell and pay online, and use a smartphone safely. Your community digital technology team can learn with you.",
  "home.officials.title": "Public officials",
  "home.officials.body":
    "Take the required courses on digital transformation, digital government, information security, data and digital payments; certificates state hours and competences.",
  "home.trainers.title": "Trainers",
  "home.trainers.body": "Write lessons as text files, check them with one command, and follow how learners do.",

  "notFound.title": "Page not found",
  "notFound.body": "This address does not exist on Học Số. The link may be old or mistyped.",
  "notFound.home": "Go to the home page",
  "notFound.courses": "See the list of courses",

  "error.title": "Something went wrong",
  "error.body": "Học Số had a problem opening this page. Please try again in a few minutes.",
  "error.badRequest": "The request was not valid. Please check the address or what you entered.",
  "error.retry": "Try again",
  "error.status": "Error code {status}",

  "http.tooLarge": "What was sent is too large. Please send less, or send it in parts.",
  "http.crossSite": "This request did not come from a Học Số page, so it was refused. Please open the page again and retry.",
  "http.lengthRequired": "The request did not say how long its data is, so it cannot be handled. Please send the form again from your browser.",
};

import { ErrorPage } from "~/components/layout/error-page";

// Any address no other route matches: answer 404 and show the not-found page.
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

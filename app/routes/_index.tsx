import { Link } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";

export default function Home() {
  const t = useT();
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <p>
          <Link to="/courses" className="button">
            {t("home.cta")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="audiences-title">
        <h2 id="audiences-title">{t("home.audiences")}</h2>
        <ul className="cards">
          <li className="card">
            <h3>{t("home.residents.title")}</h3>
            <p>{t("home.residents.body")}</p>
          </li>
          <li className="card">
            <h3>{t("home.officials.title")}</h3>
            <p>{t("home.officials.body")}</p>
          </li>
          <li className="card">
            <h3>{t("home.trainers.title")}</h3>
            <p>{t("home.trainers.body")}</p>
          </li>
        </ul>
      </section>
    </>
  );
}

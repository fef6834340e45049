// Starts the design system's components (error summary focus, notification banners,
// the header menu on phones). A module file because the page's CSP forbids inline scripts.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

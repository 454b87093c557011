// Start GOV.UK Frontend's components. A module script runs only in browsers that support
// ES modules, which is exactly when GOV.UK Frontend's JavaScript is supported.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// "My exports": reload every few seconds while an export is still being built (no inline script: the CSP).
(function () {
  "use strict";
  if (document.querySelector("[data-export-pending]")) {
    window.setTimeout(function () { window.location.reload(); }, 3000);
  }
})();

// A button marked data-print opens the browser's print dialogue (selection notices, contracts, receipts).
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();

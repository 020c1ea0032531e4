// The public lottery page (templates/publicity/lottery_result.html): the resident re-computes a lottery key in
// the browser, without sending anything, and sees the same computation as a shell command.
(function () {
  "use strict";
  var form = document.getElementById("redraw");
  if (!form) { return; }
  var seed = document.getElementById("redraw-seed");
  var number = document.getElementById("redraw-number");
  var out = document.getElementById("redraw-key");
  var command = document.getElementById("redraw-command");
  function shellQuoted(text) {
    // Inside double quotes the shell still reads \ " $ and `; escape them.
    return text.replace(/[\\"$`]/g, function (c) { return "\\" + c; });
  }
  function showCommand() {
    command.textContent = "printf '%s' \"" + shellQuoted(seed.value + ":" + (number.value || "NUMBER")) + "\" | sha256sum";
  }
  function compute() {
    showCommand();
    if (!(window.crypto && window.crypto.subtle)) {
      document.getElementById("redraw-unavailable").hidden = false;
      return;
    }
    var bytes = new TextEncoder().encode(seed.value + ":" + number.value);
    window.crypto.subtle.digest("SHA-256", bytes).then(function (digest) {
      out.textContent = Array.prototype.map.call(new Uint8Array(digest), function (b) {
        return b.toString(16).padStart(2, "0");
      }).join("");
    });
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); compute(); });
  seed.addEventListener("input", showCommand);
  number.addEventListener("input", showCommand);
  showCommand();
})();

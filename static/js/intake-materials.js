// The materials on the intake page (templates/housing/intake_materials.html): one picker for several files, with
// the material of each file chosen beside it and guessed from the file's name where the name suggests one.
// Without script the page offers one file input per material instead.
(function () {
  "use strict";
  var script = document.currentScript;
  var picker = document.getElementById("material-picker");
  var inputs = document.getElementById("material-inputs");
  var files = document.getElementById("id_files");
  var table = document.getElementById("picked-files");
  var choice = document.getElementById("material-choice");
  var group = script && document.getElementById(script.dataset.groupField);
  if (!picker || !inputs || !files || !table || !choice) { return; }
  picker.hidden = false;
  inputs.hidden = true;
  inputs.querySelectorAll("input[type=file]").forEach(function (input) { input.disabled = true; });

  function offered(option) {
    var groups = option.dataset.groups;
    return !groups || !group || !group.value || groups.split(" ").indexOf(group.value) !== -1;
  }

  function filter(select) {
    Array.prototype.forEach.call(select.options, function (option) {
      var off = !offered(option);
      option.hidden = off;
      option.disabled = off;
    });
    // A disabled choice is not sent with the form, which would pair the next files with the wrong items.
    if (select.selectedOptions.length && select.selectedOptions[0].disabled) { select.value = ""; }
  }

  function guess(select, name) {
    var lower = name.toLowerCase();
    var found = Array.prototype.filter.call(select.options, function (option) {
      return !option.disabled && option.dataset.hints && option.dataset.hints.split("|").some(function (hint) {
        return hint && lower.indexOf(hint.toLowerCase()) !== -1;
      });
    });
    select.value = found.length ? found[0].value : "";
  }

  function show() {
    var body = table.querySelector("tbody");
    body.textContent = "";
    Array.prototype.forEach.call(files.files, function (file) {
      var row = document.createElement("tr");
      var name = document.createElement("td");
      name.textContent = file.name;
      var cell = document.createElement("td");
      var select = choice.content.firstElementChild.cloneNode(true);
      select.setAttribute("aria-label", file.name);
      filter(select);
      guess(select, file.name);
      cell.appendChild(select);
      row.appendChild(name);
      row.appendChild(cell);
      body.appendChild(row);
    });
    table.hidden = files.files.length === 0;
  }

  files.addEventListener("change", show);
  if (group) {
    group.addEventListener("change", function () {
      document.querySelectorAll("select[data-material-choice]").forEach(filter);
    });
  }
  document.querySelectorAll("select[data-material-choice]").forEach(filter);
})();

// The intake page (templates/housing/intake.html): shows only the sections of the chosen group, none before a group
// is chosen; without script every section stays visible. The script tag names the group field in data-group-field.
(function () {
  "use strict";
  var script = document.currentScript;
  var group = script && document.getElementById(script.dataset.groupField);
  if (!group) { return; }
  function sync() {
    document.querySelectorAll("fieldset[data-groups]").forEach(function (section) {
      section.hidden = section.dataset.groups.split(" ").indexOf(group.value) === -1;
    });
  }
  group.addEventListener("change", sync);
  sync();
})();

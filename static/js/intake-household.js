// The household on the intake page (templates/housing/intake.html): "add a person" and "remove" work in place.
// Without script both are submit buttons that bring the page back with what was entered kept.
(function () {
  "use strict";
  var members = document.getElementById("members");
  var template = document.getElementById("member-template");
  var add = document.getElementById("add-person");
  var total = document.getElementById("id_members-TOTAL_FORMS");
  if (!members || !template || !total) { return; }
  var max = add ? parseInt(add.dataset.max, 10) : 10;
  var ATTRIBUTES = ["name", "id", "for", "aria-describedby", "href"];

  function renumber(element, index) {
    ATTRIBUTES.forEach(function (attribute) {
      element.querySelectorAll("[" + attribute + "]").forEach(function (node) {
        node.setAttribute(attribute, node.getAttribute(attribute).replace(/members-\d+-/g, "members-" + index + "-"));
      });
    });
    element.id = "person-" + (index + 1);
    var number = element.querySelector("[data-person-number]");
    if (number) { number.textContent = String(index + 1); }
    var remove = element.querySelector("[data-remove-person]");
    if (remove) { remove.value = String(index); }
  }

  function rows() { return members.querySelectorAll("[data-person]"); }

  function sync() {
    total.value = String(rows().length);
    if (add) { add.hidden = rows().length >= max; }
  }

  function relations() {
    return Array.prototype.map.call(members.querySelectorAll("select[name$='-relation']"), function (s) { return s.value; });
  }

  function addPerson(event) {
    event.preventDefault();
    var index = rows().length;
    if (index >= max) { return; }
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__n__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.querySelector("[data-person]");
    var relation = row.querySelector("select[name$='-relation']");
    if (relation) { relation.value = relations().indexOf("spouse") === -1 ? "spouse" : "child"; }
    members.appendChild(row);
    sync();
    var name = row.querySelector("input[name$='-name']");
    if (name) { name.focus(); }
  }

  function removePerson(event) {
    var button = event.target.closest("[data-remove-person]");
    if (!button) { return; }
    event.preventDefault();
    button.closest("[data-person]").remove();
    rows().forEach(renumber);
    sync();
    if (add) { add.focus(); }
  }

  // Enter in a field neither registers half a household nor adds a person: registering is the button's alone.
  var form = members.closest("form");
  form.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key === "Enter" && field.tagName === "INPUT" && ["checkbox", "radio", "file", "submit"].indexOf(field.type) === -1) {
      event.preventDefault();
    }
  });
  if (add) { add.addEventListener("click", addPerson); }
  members.addEventListener("click", removePerson);
})();

// "Add another" for the planning template's gaps, duties and resources: a copy of the formset's empty
// form, TOTAL_FORMS bumped, focus on the new row's first field, and the addition announced. Without this
// file, saving offers empty rows again (the note the button replaces).
(function () {
  "use strict";
  document.querySelectorAll("[data-formset]").forEach(function (fieldset) {
    var prefix = fieldset.getAttribute("data-formset");
    var template = fieldset.querySelector("template.formset-empty");
    var button = fieldset.querySelector(".formset-add");
    var rows = fieldset.querySelector(".formset-rows");
    var total = fieldset.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var status = fieldset.querySelector(".formset-status");
    var note = fieldset.querySelector(".formset-save-note");
    if (!template || !button || !rows || !total) { return; }
    button.hidden = false;
    if (note) { note.hidden = true; }
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10) || 0;
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      var row = holder.querySelector(".formset-row");
      rows.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
      if (status) {
        status.textContent = button.getAttribute("data-added").replace("#", String(index + 1));
      }
    });
  });
})();

// The AASL 2007 picker: a type-to-filter box over the grouped checkboxes and the chosen indicators shown
// as chips, each a button that removes it. Without this file the checkboxes, grouped in fieldsets under
// their standard and strand headings, work as they are.
(function () {
  "use strict";
  var picker = document.querySelector("[data-aasl-picker]");
  if (!picker) { return; }
  var tools = picker.querySelector(".aasl-tools");
  var filter = picker.querySelector(".aasl-filter");
  var count = picker.querySelector(".aasl-count");
  var chips = picker.querySelector(".aasl-chips");
  var none = picker.querySelector(".aasl-none");
  var status = picker.querySelector(".aasl-status");
  var items = Array.prototype.slice.call(picker.querySelectorAll("[data-indicator]"));
  tools.hidden = false;

  function boxOf(item) { return item.querySelector("input[type=checkbox]"); }

  function renderChips() {
    chips.textContent = "";
    var chosen = items.filter(function (item) { return boxOf(item).checked; });
    chosen.forEach(function (item) {
      var number = item.getAttribute("data-indicator");
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-primary aasl-chip";
      button.setAttribute("data-value", boxOf(item).value);
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = "Remove ";
      var cross = document.createElement("span");
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = " ×";
      button.appendChild(hidden);
      button.appendChild(document.createTextNode(number));
      button.appendChild(cross);
      li.appendChild(button);
      chips.appendChild(li);
    });
    none.hidden = chosen.length > 0;
  }

  function applyFilter() {
    var query = filter.value.trim().toLowerCase();
    var shown = 0;
    items.forEach(function (item) {
      var strand = item.closest("[data-strand]");
      var haystack = item.getAttribute("data-indicator") + " " + strand.getAttribute("data-heading").toLowerCase();
      var match = !query || item.getAttribute("data-indicator").indexOf(query) === 0 || haystack.indexOf(query) !== -1;
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    picker.querySelectorAll("[data-strand], [data-standard]").forEach(function (group) {
      group.hidden = !group.querySelector("[data-indicator]:not([hidden])");
    });
    count.textContent = shown + " of " + items.length + " indicators shown";
  }

  chips.addEventListener("click", function (event) {
    var chip = event.target.closest(".aasl-chip");
    if (!chip) { return; }
    var all = Array.prototype.slice.call(chips.querySelectorAll(".aasl-chip"));
    var position = all.indexOf(chip);
    var box = picker.querySelector("input[type=checkbox][value='" + chip.getAttribute("data-value") + "']");
    box.checked = false;
    var number = box.closest("[data-indicator]").getAttribute("data-indicator");
    renderChips();
    var left = chips.querySelectorAll(".aasl-chip");
    (left[Math.min(position, left.length - 1)] || filter).focus();
    status.textContent = "Removed " + number + ".";
  });
  picker.addEventListener("change", function (event) {
    if (event.target.type !== "checkbox") { return; }
    renderChips();
    var number = event.target.closest("[data-indicator]").getAttribute("data-indicator");
    status.textContent = (event.target.checked ? "Added " : "Removed ") + number + ".";
  });
  filter.addEventListener("input", applyFilter);
  filter.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); }  // the filter box never submits the plan
  });
  renderChips();
  applyFilter();
})();

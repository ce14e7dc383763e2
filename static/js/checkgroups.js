// A group of checkboxes (grades, teachers) is one Tab stop: a roving tabindex, the arrow keys (and Home,
// End, and the first letter of a name) move between the boxes, Space ticks as usual. Without this file the
// boxes are ordinary checkboxes, each its own Tab stop.
(function () {
  "use strict";
  function setUp(group) {
    var boxes = Array.prototype.slice.call(group.querySelectorAll("input[type=checkbox]"));
    if (boxes.length < 2) { return; }
    var current = boxes.filter(function (box) { return box.checked; })[0] || boxes[0];
    function rove(target) {
      boxes.forEach(function (box) { box.tabIndex = box === target ? 0 : -1; });
      current = target;
    }
    function move(target) { rove(target); target.focus(); }
    function labelOf(box) { return (box.labels && box.labels[0] ? box.labels[0].textContent : "").trim(); }
    rove(current);
    var hint = group.querySelector(".group-keys");
    if (hint) {
      hint.hidden = false;
      var fieldset = group.querySelector("fieldset") || group;
      fieldset.setAttribute("aria-describedby", hint.id);
    }
    group.addEventListener("focusin", function (event) {
      if (boxes.indexOf(event.target) !== -1) { rove(event.target); }
    });
    group.addEventListener("keydown", function (event) {
      var index = boxes.indexOf(event.target);
      if (index === -1 || event.altKey || event.ctrlKey || event.metaKey) { return; }
      var next = null;
      if (event.key === "ArrowRight" || event.key === "ArrowDown") { next = boxes[(index + 1) % boxes.length]; }
      else if (event.key === "ArrowLeft" || event.key === "ArrowUp") { next = boxes[(index - 1 + boxes.length) % boxes.length]; }
      else if (event.key === "Home") { next = boxes[0]; }
      else if (event.key === "End") { next = boxes[boxes.length - 1]; }
      else if (event.key.length === 1 && /\S/.test(event.key)) {
        // Type-ahead: the next box whose label starts with the letter or digit typed.
        var key = event.key.toLowerCase();
        for (var step = 1; step <= boxes.length; step += 1) {
          var candidate = boxes[(index + step) % boxes.length];
          if (labelOf(candidate).toLowerCase().indexOf(key) === 0) { next = candidate; break; }
        }
        if (!next) { return; }
      }
      if (next) { event.preventDefault(); move(next); }
    });
  }
  document.querySelectorAll("[data-checkgroup]").forEach(setUp);
})();

// Progressive enhancement for the rubric widget: the radios work without this file. It mirrors the
// checked and focused radio onto its card for browsers without CSS :has().
(function () {
  "use strict";
  function sync(fieldset) {
    fieldset.querySelectorAll(".rubric-card").forEach(function (card) {
      var input = card.querySelector(".rubric-input");
      card.classList.toggle("is-selected", Boolean(input && input.checked));
    });
  }
  document.querySelectorAll("fieldset.rubric").forEach(function (fieldset) {
    fieldset.addEventListener("change", function () { sync(fieldset); });
    fieldset.addEventListener("focusin", function (event) {
      var card = event.target.closest(".rubric-card");
      if (card && event.target.matches(":focus-visible")) { card.classList.add("has-focus"); }
    });
    fieldset.addEventListener("focusout", function (event) {
      var card = event.target.closest(".rubric-card");
      if (card) { card.classList.remove("has-focus"); }
    });
    sync(fieldset);
  });
})();

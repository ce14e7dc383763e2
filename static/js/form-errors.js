// After a refused submit, focus goes to the first field in error (in page order), not back to the title.
// The server marks every field in error (aria-invalid="true", its message tied with aria-describedby).
(function () {
  "use strict";
  var form = document.querySelector("form[data-focus-errors]");
  if (!form) { return; }
  var invalid = form.querySelector("[aria-invalid=true]");
  if (!invalid) { return; }
  if (invalid.type === "radio") {
    // A radio group: its chosen radio if any, else its first, is the one Tab would reach.
    var group = form.querySelectorAll("input[type=radio][name='" + invalid.name + "']");
    invalid = Array.prototype.filter.call(group, function (radio) { return radio.checked; })[0] || group[0];
  }
  invalid.focus();
})();

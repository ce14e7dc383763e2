// Import forms: while the server reads or saves a large file, say so and stop a second submission,
// instead of leaving a page that looks frozen. Works without this script too (the form just submits).
(function () {
  "use strict";
  document.querySelectorAll("form[data-working-message]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      var status = form.querySelector("[data-working-status]");
      if (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
        var spinner = document.createElement("span");
        spinner.className = "spinner-border spinner-border-sm ms-2";
        spinner.setAttribute("aria-hidden", "true");
        button.appendChild(spinner);
      }
      if (status) {
        status.textContent = form.getAttribute("data-working-message");
      }
    });
  });
})();

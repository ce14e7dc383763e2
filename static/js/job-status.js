// A job's page (templates/collabtrack/job_status.html) follows the job without reloading: it asks the
// page's JSON twin every second, rewrites the status and the progress line (a polite live region, so a
// screen reader hears "1,200 of 10,000 rows saved"), and reloads the page once the job has finished so the
// download link or the failure and its "Try again" button appear. Without this script, "Refresh" works.
(function () {
  "use strict";
  var section = document.querySelector("[data-job-status]");
  if (!section || section.getAttribute("data-job-finished") === "true") {
    return;
  }
  var url = section.getAttribute("data-job-status");
  var delay = 1000;

  function setField(name, value) {
    var element = section.querySelector('[data-job-field="' + name + '"]');
    if (element && element.textContent !== value) {
      element.textContent = value;
    }
  }

  function setBar(done, total) {
    var bar = section.querySelector("[data-job-bar]");
    var fill = section.querySelector("[data-job-bar-fill]");
    if (!bar || !fill) {
      return;
    }
    bar.setAttribute("aria-valuemax", String(total || 0));
    bar.setAttribute("aria-valuenow", String(done || 0));
    // A CSS width through the CSSOM is allowed by the CSP (no style attribute in the markup).
    fill.style.width = total ? Math.min(100, Math.round((100 * done) / total)) + "%" : "100%";
    fill.classList.toggle("job-progress-known", Boolean(total));
    fill.classList.toggle("job-progress-unknown", !total);
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        setField("status_label", state.status_label);
        setField("summary", state.summary);
        setBar(state.done, state.total);
        if (state.finished) {
          window.location.reload();
          return;
        }
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        // The server is busy or restarting: ask again less often; the Refresh link still works.
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, 500);
})();

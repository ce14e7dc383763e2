// Live word counter for the unit overview (the server's check is the authoritative one).
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-max-words]").forEach(function (textarea) {
    var limit = parseInt(textarea.getAttribute("data-max-words"), 10);
    var counter = textarea.closest(".word-counted").querySelector(".word-count");
    if (!counter) { return; }
    counter.hidden = false;
    var describedBy = (textarea.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (describedBy.indexOf(counter.id) === -1) { describedBy.push(counter.id); }
    textarea.setAttribute("aria-describedby", describedBy.join(" "));
    var lastAnnounced = null;
    function update() {
      var words = textarea.value.trim() ? textarea.value.trim().split(/\s+/).length : 0;
      var over = words > limit;
      var text = words + " of " + limit + " words" + (over ? " — " + (words - limit) + " too many" : "");
      // Announce only when crossing the limit, not on every keystroke.
      if (lastAnnounced === null || over !== lastAnnounced) {
        counter.setAttribute("aria-live", "polite");
        lastAnnounced = over;
      } else {
        counter.setAttribute("aria-live", "off");
      }
      counter.textContent = text;
      counter.classList.toggle("over", over);
    }
    textarea.addEventListener("input", update);
    update();
  });
})();

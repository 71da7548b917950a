// Live run status on the article page: polls while a draft or check is queued or running.
(function () {
  "use strict";
  var panel = document.querySelector(".nr-runs[data-runs-url]");
  if (!panel) { return; }
  var url = panel.getAttribute("data-runs-url");
  var wasActive = panel.querySelector(".nr-run-queued, .nr-run-running") !== null;
  function poll() {
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        data.runs.forEach(function (run) {
          var row = panel.querySelector('tr[data-run="' + run.id + '"]');
          if (!row) { return; }
          var badge = row.querySelector(".nr-run");
          badge.className = "nr-run nr-run-" + run.status;
          badge.textContent = run.label;
          row.querySelector(".nr-error").textContent = run.error;
        });
        if (wasActive && !data.active) {
          var note = document.createElement("p");
          note.className = "nr-done-note";
          note.setAttribute("role", "status");
          note.textContent = "Runs finished. Reload the page to see the new text and flags (save your edits first).";
          panel.appendChild(note);
        } else if (data.active) {
          setTimeout(poll, 2000);
        }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  if (wasActive) { setTimeout(poll, 1500); }
})();

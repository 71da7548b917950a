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

// Resolving a flag that leaves the text as it is (confirmed, accepted) happens in place: the
// form is sent in the background and the flag card says what became of it. A resolution that
// edits or removes the sentence is sent as a normal form, so the page shows the new text.
(function () {
  "use strict";
  var inPlace = { confirmed: true, accepted: true };
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("nr-resolve")) { return; }
    var choice = form.querySelector("select[name=resolution]");
    if (!choice || !inPlace[choice.value] || !window.fetch) { return; }
    event.preventDefault();
    var status = form.querySelector(".nr-resolve-status");
    if (!status) {
      status = document.createElement("p");
      status.className = "nr-resolve-status";
      status.setAttribute("role", "status");
      form.appendChild(status);
    }
    status.textContent = "Saving…";
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.ok) { status.textContent = data.message; return; }
        var card = form.closest(".nr-flag, li") || form.parentNode;
        var done = document.createElement("p");
        done.className = "nr-resolved-note";
        done.setAttribute("role", "status");
        done.textContent = data.message + " Open flags left: " + data.open + ".";
        form.replaceWith(done);
        card.classList.add("nr-flag-resolved");
      })
      .catch(function () { form.submit(); });
  });
})();

// The idle-timeout warning: a USWDS modal opens shortly before the server ends an idle session.
// "Stay logged in" asks the server to renew the session; at the end we go to the "session ended" page.
(function () {
  "use strict";
  var modal = document.querySelector("[data-session-timeout]");
  var opener = document.querySelector("[data-session-timeout-opener]");
  if (!modal || !opener) return;
  // Hidden in the markup so that, without JavaScript, no page shows a warning nothing can act on.
  modal.removeAttribute("hidden");
  var idleMs = Number(modal.getAttribute("data-idle-seconds")) * 1000;
  var warningMs = Number(modal.getAttribute("data-warning-seconds")) * 1000;
  var endedUrl = modal.getAttribute("data-ended-url");
  var extendForm = modal.querySelector("[data-session-extend]");
  var countdown = modal.querySelector("[data-session-countdown]");
  var warnTimer, endTimer, tickTimer, endsAt;

  function describe(ms) {
    var seconds = Math.max(0, Math.round(ms / 1000));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    if (minutes && rest) return minutes + (minutes === 1 ? " minute " : " minutes ") + rest + " seconds";
    if (minutes) return minutes + (minutes === 1 ? " minute" : " minutes");
    return rest + " seconds";
  }

  function isOpen() {
    var wrapper = document.getElementById("session-timeout-modal");
    return wrapper && wrapper.classList.contains("is-visible");
  }

  function warn() {
    if (countdown) countdown.textContent = describe(endsAt - Date.now());
    tickTimer = window.setInterval(function () {
      if (countdown) countdown.textContent = describe(endsAt - Date.now());
    }, 15000);
    if (!isOpen()) opener.click();
  }

  // The server renews an idle session at most once a minute, so it says how long is left: the page in its
  // data-idle-seconds, "Stay logged in" in its answer, any other request in the Session-Idle-Seconds header.
  function restart(seconds) {
    if (typeof seconds === "number" && isFinite(seconds)) idleMs = seconds * 1000;
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    window.clearInterval(tickTimer);
    endsAt = Date.now() + idleMs;
    warnTimer = window.setTimeout(warn, Math.max(0, idleMs - warningMs));
    endTimer = window.setTimeout(function () { window.location.assign(endedUrl); }, idleMs);
  }

  if (extendForm) {
    extendForm.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(extendForm.action, { method: "POST", body: new FormData(extendForm), credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) return window.location.assign(endedUrl);
          return response.json().then(function (answer) { restart(Number(answer.seconds_left)); });
        })
        .catch(function () { window.location.assign(endedUrl); });
    });
  }
  // A request that reaches the server (an htmx swap, too) may have renewed the session: its answer says.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var header = xhr && xhr.getResponseHeader("Session-Idle-Seconds");
    if (header !== null && header !== undefined && header !== "") restart(Number(header));
  });
  restart();
})();

// Day entry: with JavaScript the duration updates as the times are typed (htmx asks the server, which parses the
// times with its one parser), so the "Calculate duration" button is not needed. The server's reading of each
// time ("9am" → "09:00 AM") is written back into a field once the person has left it, for them to check.
(function () {
  "use strict";
  document.querySelectorAll("[data-calculate]").forEach(function (button) { button.hidden = true; });

  function writeBack(fieldset, leaving) {
    var duration = fieldset.querySelector("[data-duration]");
    if (!duration) { return; }
    ["start", "end"].forEach(function (name) {
      var input = fieldset.querySelector("input[name=" + name + "]");
      var typed = duration.getAttribute("data-" + name + "-typed");
      var shown = duration.getAttribute("data-" + name + "-shown");
      var left = input === leaving || input !== document.activeElement;
      // Only into a field the person has left, still holding what the server read (not a newer entry).
      if (input && shown && left && input.value === typed) { input.value = shown; }
    });
  }

  document.body.addEventListener("htmx:afterSwap", function (event) {
    var fieldset = event.target.closest("[data-day-times]");
    if (fieldset) { writeBack(fieldset, null); }
  });
  document.querySelectorAll("[data-day-times]").forEach(function (fieldset) {
    fieldset.addEventListener("focusout", function (event) { writeBack(fieldset, event.target); });
  });

  document.querySelectorAll("[data-change-times]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var start = document.querySelector("[data-day-times] input[name=start]");
      if (!start) { return; }
      event.preventDefault();
      start.focus();
      start.select();
    });
  });
})();

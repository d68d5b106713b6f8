// Day entry: the Duration (Hours : Minutes) of a partial day, computed as the start and end times are typed.
// The server computes it again on submit; an end earlier than the start crosses midnight (the page says so).
(function () {
  "use strict";
  var TIME = /^\s*(\d{1,2}):(\d{2})\s*([AaPp])\.?\s*[Mm]\.?\s*$/;

  function minutesOfDay(text) {
    var match = TIME.exec(text || "");
    if (!match) { return null; }
    var hour = parseInt(match[1], 10);
    var minute = parseInt(match[2], 10);
    if (hour < 1 || hour > 12 || minute > 59) { return null; }
    return (hour % 12 + (match[3].toUpperCase() === "P" ? 12 : 0)) * 60 + minute;
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function update(group) {
    var inputs = group.querySelectorAll("input[type=text]");
    var output = group.querySelector("[data-duration]");
    var note = group.querySelector("[data-crosses-midnight]");
    var start = minutesOfDay(inputs[0].value);
    var end = minutesOfDay(inputs[1].value);
    if (start === null || end === null) {
      output.textContent = "00:00";
      note.hidden = true;
      return;
    }
    var crosses = end < start;
    var total = crosses ? end + 24 * 60 - start : end - start;
    output.textContent = pad(Math.floor(total / 60)) + ":" + pad(total % 60);
    note.hidden = !crosses;
  }

  document.querySelectorAll("[data-day-times]").forEach(function (group) {
    group.addEventListener("input", function () { update(group); });
    update(group);
  });
  // With JavaScript the duration updates by itself, so the "Calculate duration" button is not needed.
  document.querySelectorAll("[data-calculate]").forEach(function (button) { button.hidden = true; });
})();

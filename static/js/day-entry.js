// Day entry: with JavaScript the duration updates as the times are typed (htmx asks the server, which parses the
// times with its one parser), so the "Calculate duration" button is not needed.
(function () {
  "use strict";
  document.querySelectorAll("[data-calculate]").forEach(function (button) { button.hidden = true; });
})();

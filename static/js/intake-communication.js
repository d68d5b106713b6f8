// Communication preference: show the email address or the mailing address, whichever the answer asks for.
// Without JavaScript both stay visible and the server requires the one that applies.
(function () {
  "use strict";
  var radios = document.querySelectorAll("input[name=by_email]");
  if (!radios.length) { return; }

  function update() {
    var chosen = document.querySelector("input[name=by_email]:checked");
    document.querySelectorAll("[data-contact-when]").forEach(function (group) {
      group.hidden = chosen !== null && group.getAttribute("data-contact-when") !== chosen.value;
    });
  }

  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
})();

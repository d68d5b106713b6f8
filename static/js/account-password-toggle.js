// "SHOW" / "HIDE" beside a password field. The button stays hidden when JavaScript is off.
(function () {
  "use strict";
  document.querySelectorAll("[data-password-toggle]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-password-toggle"));
    if (!input) return;
    var label = button.firstChild;
    button.hidden = false;
    button.addEventListener("click", function () {
      var showing = input.type === "text";
      input.type = showing ? "password" : "text";
      label.textContent = showing ? "SHOW" : "HIDE";
      button.setAttribute("aria-pressed", showing ? "false" : "true");
    });
  });
})();

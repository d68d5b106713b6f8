// Progressive reveal: a block marked data-reveal-for="NAME" data-reveal-value="VALUE" is shown only while the
// radio answer NAME=VALUE is chosen (e.g. "Relationship" once "Other" is chosen). Focus stays on the radio
// button; the revealed block is next in the tab order. Without JavaScript the block is always shown and the
// server requires it only when it applies.
(function () {
  "use strict";

  function reveal(block) {
    var name = block.getAttribute("data-reveal-for");
    var value = block.getAttribute("data-reveal-value");
    var scope = block.closest("form") || document;
    var radios = Array.prototype.filter.call(scope.querySelectorAll("input[type=radio]"), function (radio) {
      return radio.name === name;
    });
    if (!radios.length) { return; }

    function update() {
      var chosen = radios.filter(function (radio) { return radio.checked; })[0];
      block.hidden = !chosen || chosen.value !== value;
    }

    radios.forEach(function (radio) {
      if (radio.value === value && block.id) { radio.setAttribute("aria-controls", block.id); }
      radio.addEventListener("change", update);
    });
    update();
  }

  document.querySelectorAll("[data-reveal-for]").forEach(reveal);
})();

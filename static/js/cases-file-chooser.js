// The document file chooser: shows "CHOOSE FILE" and "NO FILE CHOSEN" (or the chosen file's name) as the
// portal guide does. Without JavaScript the native file input stays in place and works the same.
(function () {
  "use strict";

  function enhance(chooser) {
    var input = chooser.querySelector("input[type=file]");
    var enhanced = chooser.querySelector(".cases-file-chooser__enhanced");
    if (!input || !enhanced) {
      return;
    }
    var button = enhanced.querySelector("button");
    var status = enhanced.querySelector(".cases-file-chooser__status");
    var emptyText = status.textContent;
    enhanced.hidden = false;
    chooser.classList.add("is-enhanced");
    // The visible button takes the keyboard focus; the hidden input keeps the form's name and value.
    input.setAttribute("tabindex", "-1");
    var label = document.querySelector("label[for='" + input.id + "']");
    if (label) {
      label.id = label.id || input.id + "_label";
      button.setAttribute("aria-labelledby", label.id + " " + button.id);
    }
    var describedBy = input.getAttribute("aria-describedby");
    button.setAttribute("aria-describedby", (status.id + " " + (describedBy || "")).trim());
    button.addEventListener("click", function () {
      input.click();
    });
    input.addEventListener("change", function () {
      status.textContent = input.files && input.files.length ? input.files[0].name : emptyText;
    });
  }

  document.querySelectorAll("[data-cases-file-chooser]").forEach(enhance);
})();

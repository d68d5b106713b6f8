/*
 * The reason picker (templates/conditions/_picker.html), enhanced.
 *
 * Without this script the picker works through its submit buttons: Search, each match, and each Remove post
 * the form step back. With it, matches arrive as the employee types (200 ms after the last key), the arrow
 * keys move through them, and adding or removing a reason happens in the page. The chosen reasons stay hidden
 * `reasons` inputs inside chips drawn from the picker's own <template>, so the form posts the same values
 * either way. A polite live region says how many matches there are and what was added or removed.
 *
 * On a phone (narrow screens, NARROW_QUERY) the on-screen keyboard covers the lower half of the screen, where
 * the matches open: focusing the search field scrolls it to the top of the screen, so the matches below it
 * stay in view above the keyboard. Wider screens are left where the employee put them.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 200;
  var NARROW_QUERY = "(max-width: 40em)";  // USWDS's tablet breakpoint: phones, held either way

  function fill(message, value) {
    return (message || "").replace("%s", value);
  }

  function ReasonPicker(root) {
    this.root = root;
    this.input = root.querySelector("[data-reason-query]");
    this.searchButton = root.querySelector("[data-reason-search]");
    this.matches = root.querySelector("[data-reason-matches]");
    this.status = root.querySelector("[data-reason-status]");
    this.error = root.querySelector("[data-reason-error]");
    this.chosen = root.querySelector("[data-reason-chosen]");
    this.chips = root.querySelector("[data-reason-chips]");
    this.chipTemplate = root.querySelector("[data-reason-chip-template]");
    this.maxReasons = parseInt(root.dataset.maxReasons, 10);  // from absence.limits, via the template
    this.timer = null;
    this.request = null;
    this.shownQuery = this.input.value.trim();
    this.bind();
  }

  ReasonPicker.prototype.bind = function () {
    var picker = this;
    this.input.addEventListener("input", function () {
      window.clearTimeout(picker.timer);
      picker.timer = window.setTimeout(function () { picker.search(); }, DEBOUNCE_MS);
    });
    this.input.addEventListener("keydown", function (event) { picker.onInputKey(event); });
    this.input.addEventListener("focus", function () { picker.scrollToTop(); });
    this.searchButton.addEventListener("click", function (event) {
      event.preventDefault();
      picker.search(true);
      picker.input.focus();
    });
    this.matches.addEventListener("click", function (event) {
      var option = event.target.closest("[data-reason-option]");
      if (option) {
        event.preventDefault();
        picker.add(option.value, option.dataset.label || option.value, option.dataset.code || "");
      }
    });
    this.matches.addEventListener("keydown", function (event) { picker.onOptionKey(event); });
    this.chips.addEventListener("click", function (event) {
      var button = event.target.closest("[data-reason-remove]");
      if (button) {
        event.preventDefault();
        picker.remove(button.closest("[data-reason-chip]"));
      }
    });
  };

  ReasonPicker.prototype.scrollToTop = function () {
    if (!window.matchMedia || !window.matchMedia(NARROW_QUERY).matches) {
      return;
    }
    var input = this.input;
    var reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    // After the keyboard has opened and the browser has made its own scroll to the field.
    window.setTimeout(function () {
      if (document.activeElement === input) {
        input.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
      }
    }, 100);
  };

  ReasonPicker.prototype.options = function () {
    return Array.prototype.slice.call(this.matches.querySelectorAll("[data-reason-option]"));
  };

  ReasonPicker.prototype.onInputKey = function (event) {
    if (event.key === "Enter") {
      event.preventDefault();  // search, rather than submit the step
      window.clearTimeout(this.timer);
      this.search(true);
    } else if (event.key === "ArrowDown") {
      var first = this.options()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === "Escape" && this.options().length) {
      event.preventDefault();
      this.clearMatches();
    }
  };

  ReasonPicker.prototype.onOptionKey = function (event) {
    var options = this.options();
    var index = options.indexOf(document.activeElement);
    if (index < 0) {
      return;
    }
    var target = null;
    if (event.key === "ArrowDown") {
      target = options[Math.min(index + 1, options.length - 1)];
    } else if (event.key === "ArrowUp") {
      target = index === 0 ? this.input : options[index - 1];
    } else if (event.key === "Home") {
      target = options[0];
    } else if (event.key === "End") {
      target = options[options.length - 1];
    } else if (event.key === "Escape") {
      target = this.input;
    }
    if (target) {
      event.preventDefault();
      target.focus();
    }
  };

  ReasonPicker.prototype.search = function (force) {
    var picker = this;
    var query = this.input.value.trim();
    if (query === this.shownQuery && !force) {
      return;
    }
    if (this.request) {
      this.request.abort();
    }
    if (!query) {
      this.shownQuery = "";
      this.clearMatches();
      return;
    }
    var request = new AbortController();
    this.request = request;
    var url = this.root.dataset.searchUrl + "?q=" + encodeURIComponent(query);
    window.fetch(url, {
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
      signal: request.signal
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("search answered " + response.status);
      }
      return response.text();
    }).then(function (html) {
      picker.request = null;
      picker.shownQuery = query;
      picker.matches.innerHTML = html;  // rendered and escaped by the server's template
      var status = picker.matches.querySelector("[data-match-status]");
      picker.announce(status ? status.textContent.trim() : "");
    }).catch(function () {
      // Aborted for a newer query, or the network failed: the Search button still posts the form.
      if (picker.request === request) {
        picker.request = null;
        picker.shownQuery = null;
      }
    });
  };

  ReasonPicker.prototype.clearMatches = function () {
    this.matches.innerHTML = "";
    this.announce("");
  };

  ReasonPicker.prototype.chipValues = function () {
    return Array.prototype.map.call(this.chips.querySelectorAll("[data-reason-value]"), function (input) {
      return input.value;
    });
  };

  ReasonPicker.prototype.add = function (value, label, code) {
    this.clearError();
    if (this.chipValues().indexOf(value) >= 0) {
      this.resetSearch();
      this.announce(fill(this.root.dataset.alreadyMessage, label));
      return;
    }
    if (label.length > 200) {
      this.showError(this.root.dataset.tooLongMessage);
      return;
    }
    var chips = this.chips.querySelectorAll("[data-reason-chip]");
    if (chips.length >= this.maxReasons) {
      if (this.maxReasons !== 1) {
        this.showError(this.root.dataset.fullMessage);
        return;
      }
      chips[0].remove();  // one reason allowed: the new one replaces it
    }
    this.chips.appendChild(this.makeChip(value, label, code));
    this.chosen.hidden = false;
    this.resetSearch();
    this.announce(fill(this.root.dataset.addedMessage, label));
  };

  ReasonPicker.prototype.makeChip = function (value, label, code) {
    var chip = this.chipTemplate.content.querySelector("[data-reason-chip]").cloneNode(true);
    chip.querySelector("[data-reason-value]").value = value;
    chip.querySelector("[data-reason-label]").textContent = label;
    var codeText = chip.querySelector("[data-reason-code]");
    codeText.textContent = code;
    codeText.hidden = !code;
    var remove = chip.querySelector("[data-reason-remove]");
    remove.value = value;
    chip.querySelector("[data-reason-remove-label]").textContent = " " + label;
    return chip;
  };

  ReasonPicker.prototype.remove = function (chip) {
    var label = chip.querySelector("[data-reason-label]").textContent;
    var neighbour = chip.nextElementSibling || chip.previousElementSibling;
    chip.remove();
    this.clearError();
    this.chosen.hidden = this.chips.children.length === 0;
    this.announce(fill(this.root.dataset.removedMessage, label));
    var next = neighbour && neighbour.querySelector("[data-reason-remove]");
    (next || this.input).focus();
  };

  ReasonPicker.prototype.resetSearch = function () {
    window.clearTimeout(this.timer);
    if (this.request) {
      this.request.abort();
      this.request = null;
    }
    this.input.value = "";
    this.shownQuery = "";
    this.matches.innerHTML = "";
    this.input.focus();
  };

  ReasonPicker.prototype.announce = function (text) {
    var status = this.status;
    status.textContent = "";
    if (text) {
      // A fresh text node after a clear is announced even when the words repeat ("3 matches" twice).
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  };

  ReasonPicker.prototype.showError = function (message) {
    this.error.textContent = message;
    this.error.hidden = false;
    this.root.classList.add("usa-form-group--error");
  };

  ReasonPicker.prototype.clearError = function () {
    this.error.textContent = "";
    this.error.hidden = true;
    this.root.classList.remove("usa-form-group--error");
    this.input.classList.remove("usa-input--error");
    var label = this.root.querySelector(".usa-label--error");
    if (label) {
      label.classList.remove("usa-label--error");
    }
  };

  function enhance(scope) {
    var roots = scope.querySelectorAll ? scope.querySelectorAll("[data-reason-picker]") : [];
    Array.prototype.forEach.call(roots, function (root) {
      if (!root.dataset.enhanced) {
        root.dataset.enhanced = "true";
        new ReasonPicker(root);
      }
    });
  }

  enhance(document);
  // A form step swapped in by htmx brings its own picker.
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
}());

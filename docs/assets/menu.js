// The navigation menu on narrow screens, for keyboard users (WCAG 2.1.1, 2.4.3, 2.4.7, 2.4.11).
// Material's menu button is a <label for="__drawer">, which a keyboard cannot reach or press; this
// script makes it (overrides/partials/header.html marks it data-gpia-menu) a named button in the Tab
// order (HTML allows no role on such a label in the markup itself), makes Enter and Space open and
// close the drawer, keeps aria-expanded true to the drawer's state,
// moves the focus into the drawer when it opens and back to the button when it closes (Escape
// closes it too). While the drawer is closed, reading.css hides it, so Tab never lands on its links
// off screen; that works before this script runs.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector("[data-gpia-menu]");
  if (!toggle || !button) { return; }
  var drawer = document.querySelector(".md-sidebar--primary");
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Menu");

  function sync() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }

  function firstLink() {
    return drawer && drawer.querySelector("a[href], input:not([type=checkbox]), [tabindex='0']");
  }

  function open(state) {
    var wasInside = drawer && drawer.contains(document.activeElement);
    toggle.checked = state;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    sync();
    if (state) {
      // The drawer slides in; focus its first link once it is visible (it is hidden while closed).
      window.setTimeout(function () { var link = firstLink(); if (link) { link.focus(); } }, 50);
    } else if (wasInside || document.activeElement === document.body) {
      button.focus();
    }
  }

  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      // Material clicks a focused label on Enter itself (a second toggle): this press is handled here.
      event.preventDefault();
      event.stopPropagation();
      open(!toggle.checked);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      event.preventDefault();
      open(false);
    }
  });
  // Closed another way (the overlay, a link in the drawer, Material's own scripts): the button says so,
  // and focus left inside the hidden drawer goes back to it.
  toggle.addEventListener("change", function () {
    sync();
    if (!toggle.checked && drawer && drawer.contains(document.activeElement)) { button.focus(); }
  });
  sync();
})();

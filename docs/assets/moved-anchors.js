// Links made before records had pages of their own point at anchors of the old one-page lists,
// e.g. faq/#faq-purpose-of-gp-ia. When a page is opened at an anchor it does not have, look the
// anchor up in moved-anchors.json (written by the build, gpia/pages/moved.py) and go where it went.
// The map is fetched only then, so no page carries it.
(function () {
  var id = decodeURIComponent(window.location.hash.slice(1));
  if (!id || document.getElementById(id)) return;
  var script = document.currentScript;
  var root = new URL("..", script.src);  // this file is <site root>/assets/moved-anchors.js
  var page = window.location.pathname.slice(root.pathname.length).replace(/index\.html$/, "");
  fetch(new URL("assets/moved-anchors.json", root))
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (moved) {
      var target = (moved[page] || {})[id];
      if (target) window.location.replace(new URL(target, root).href);
    })
    .catch(function () {});
})();

// Links made before records had pages of their own point at anchors of the old one-page lists,
// e.g. faq/#faq-purpose-of-gp-ia. When a page is opened at an anchor it does not have, look the
// anchor up in the map the build writes (gpia/pages/moved.py) and go where it went. The map is in
// shards: moved-anchors.json says how many and where, and the entry for a page and anchor is in
// shard hash(page + "#" + anchor) % shards. Only then are the index and that one shard fetched, so
// no page carries the map and no reader fetches all of it.
(function () {
  // FNV-1a, 32 bits, over the UTF-8 bytes of the text: the same as anchor_hash in gpia/pages/moved.py.
  function hash(text) {
    var bytes = new TextEncoder().encode(text);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    return h >>> 0;
  }
  window.gpiaMovedAnchors = { hash: hash };
  var id = decodeURIComponent(window.location.hash.slice(1));
  if (!id || document.getElementById(id)) return;
  var script = document.currentScript;
  var root = new URL("..", script.src);  // this file is <site root>/assets/moved-anchors.js
  var page = window.location.pathname.slice(root.pathname.length).replace(/index\.html$/, "");
  function json(url) {
    return fetch(url).then(function (response) { return response.ok ? response.json() : null; });
  }
  json(new URL("assets/moved-anchors.json", root))
    .then(function (index) {
      if (!index) return null;
      // A browser may still hold the index of a build before the shards: it was the whole map.
      if (!(index.shards > 0)) return index;
      var shard = hash(page + "#" + id) % index.shards;
      return json(new URL(String(index.shard).replace("{shard}", shard), root));
    })
    .then(function (moved) {
      var target = ((moved || {})[page] || {})[id];
      if (target) window.location.replace(new URL(target, root).href);
    })
    .catch(function () {});
})();

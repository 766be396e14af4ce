// Starts Pagefind's UI with the site's base path, so results work under a project sub-path (/<repo>/).
// A large site's index is split into shards (generator/search.py): the first is at pagefind/, the others
// are listed in search/shards.json and merged into it (Pagefind's mergeIndex).
// ?q=words runs a search on load, which makes searches linkable.
var SHARD_RANKING = { termSimilarity: 8.0 };

window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") { return; }

  function start(merge) {
    var options = {
      element: "#search",
      baseUrl: box.dataset.base,
      bundlePath: box.dataset.bundle,
      mergeIndex: merge.map(function (dir) {
        var shard = { bundlePath: box.dataset.bundle + dir, baseUrl: box.dataset.base };
        shard.ranking = SHARD_RANKING;
        return shard;
      }),
      showImages: false,
      showSubResults: false
    };
    // A shard without a searched word answers with its longest indexed prefix (Pagefind's fallback), so
    // a rare word's real hits compete with near-misses from the other shards: rank exact lengths first.
    if (merge.length) { options.ranking = SHARD_RANKING; }
    var ui = new PagefindUI(options);
    // Pagefind's input has only a placeholder/title; give it an accessible name (axe: label-title-only).
    var input = box.querySelector("input");
    if (input && !input.getAttribute("aria-label")) { input.setAttribute("aria-label", "Search stories"); }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { ui.triggerSearch(query); }
  }

  if (!box.dataset.shards || typeof fetch === "undefined") { start([]); return; }
  fetch(box.dataset.shards)
    .then(function (response) { return response.ok ? response.json() : { merge: [] }; })
    .then(function (data) { start(Array.isArray(data.merge) ? data.merge : []); },
          function () { start([]); });
});

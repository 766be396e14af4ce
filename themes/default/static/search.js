// Starts Pagefind's UI with the site's base path, so results work under a project sub-path (/<repo>/).
// ?q=words runs a search on load, which makes searches linkable.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") { return; }
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: box.dataset.base,
    bundlePath: box.dataset.bundle,
    showImages: false,
    showSubResults: false
  });
  // Pagefind's input has only a placeholder/title; give it an accessible name (axe: label-title-only).
  var input = box.querySelector("input");
  if (input && !input.getAttribute("aria-label")) { input.setAttribute("aria-label", "Search stories"); }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
});

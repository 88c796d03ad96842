// Search with Pagefind (its index is built by generator/engine.py).
//
// The header's search form is plain HTML: without JavaScript it opens the
// finder page with the words as ?q=. Here "/", "s" and "f" focus it, the keys
// that opened Material's search before. On the finder page Pagefind's UI takes
// the words from ?q=, and with no words it starts from what is open to
// newcomers in the coming weeks (the filters the generator's cards carry).
(function () {
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      var input = document.getElementById("dossiers-search-query");
      if (input) {
        event.preventDefault();
        input.focus();
      }
    }
  });

  function startFinder() {
    var finder = document.getElementById("dossiers-finder");
    if (!finder || finder.dataset.started || typeof PagefindUI === "undefined") {
      return;
    }
    finder.dataset.started = "yes";
    var ui = new PagefindUI({
      element: "#dossiers-finder",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: false,
      sort: {},
      translations: document.documentElement.lang === "nl" ? DUTCH : {},
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      ui.triggerSearch(query);
    } else {
      var filters = {};
      filters[finder.dataset.findOpen] = [finder.dataset.findYes];
      filters[finder.dataset.findWhen] = [finder.dataset.findUpcoming];
      ui.triggerFilters(filters);
    }
  }

  var DUTCH = {
    placeholder: "Zoek op deze site",
    clear_search: "Wissen",
    load_more: "Meer resultaten",
    search_label: "Zoek op deze site",
    filters_label: "Filters",
    zero_results: "Niets gevonden voor [SEARCH_TERM]",
    many_results: "[COUNT] resultaten voor [SEARCH_TERM]",
    one_result: "[COUNT] resultaat voor [SEARCH_TERM]",
    alt_search: "Niets gevonden voor [SEARCH_TERM]. Resultaten voor [DIFFERENT_TERM]",
    search_suggestion: "Niets gevonden voor [SEARCH_TERM]. Probeer een ander woord:",
    searching: "Zoeken naar [SEARCH_TERM]...",
  };

  if (typeof document$ !== "undefined") {
    document$.subscribe(startFinder); // Material's page views
  } else {
    document.addEventListener("DOMContentLoaded", startFinder);
  }
})();

// Search with Pagefind (its index is built by generator/engine.py).
//
// The header's search form is plain HTML: without JavaScript it opens the
// finder page with the words as ?q=. Here "/", "s" and "f" focus it, the keys
// that opened Material's search before.
//
// The finder page (templates/find.md.j2) is a form of our own over Pagefind's
// JavaScript API rather than Pagefind's ready-made UI: that UI searches only
// once a word is typed and shows its filters only then, while newcomers mostly
// start from a filter ("open to newcomers", a theme, their town) with no word
// at all. Pagefind's API answers a search with filters and no words, sorted by
// date. Everything from the index (titles, excerpts, filter values) is dossier
// text, so it only ever goes into the page as text, never as HTML.
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

  var PAGE = 10; // results shown at once; "More results" shows the next ten
  var MANY = 3; // a filter with more values than this is a drop-down, not boxes, so the results stay near the top on a phone

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // The excerpt as text, with the words searched for marked.
  function marked(text, words) {
    var node = element("p", "dossiers-finder__excerpt");
    var terms = words
      .toLowerCase()
      .split(/\s+/)
      .filter(function (w) {
        return w.length > 1;
      });
    if (!terms.length) {
      node.textContent = text;
      return node;
    }
    var lower = text.toLowerCase();
    var at = 0;
    while (at < text.length) {
      var next = -1;
      var length = 0;
      terms.forEach(function (term) {
        var found = lower.indexOf(term, at);
        if (found !== -1 && (next === -1 || found < next)) {
          next = found;
          length = term.length;
        }
      });
      if (next === -1) {
        node.appendChild(document.createTextNode(text.slice(at)));
        break;
      }
      node.appendChild(document.createTextNode(text.slice(at, next)));
      node.appendChild(element("mark", "", text.slice(next, next + length)));
      at = next + length;
    }
    return node;
  }

  function startFinder() {
    var form = document.getElementById("dossiers-finder");
    if (!form || form.dataset.started) {
      return;
    }
    form.dataset.started = "yes";
    var data = form.dataset;
    var words = form.querySelector("#dossiers-finder-q");
    var filtersBox = form.querySelector(".dossiers-finder__filters");
    var status = form.querySelector(".dossiers-finder__status");
    var list = form.querySelector(".dossiers-finder__results");
    var more = form.querySelector(".dossiers-finder__more");
    var plain = document.querySelector(".dossiers-finder-list");
    var names = data.filters.split("|");
    var dates = new Intl.DateTimeFormat(data.lang, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
    var pagefind = null;
    var total = {}; // every filter value's count in the whole index
    var found = [];
    var shown = 0;
    var asked = 0; // the newest search; an older answer that comes late is dropped
    var timer = null;

    // What the address asks for (?q=words&Filter=value), or the defaults.
    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      var chosen = {};
      var any = params.has("q");
      names.forEach(function (name) {
        var values = params.getAll(name);
        if (values.length) {
          chosen[name] = values;
          any = true;
        }
      });
      if (!any) {
        data.defaultFilters.split("|").forEach(function (pair) {
          var cut = pair.indexOf(":");
          chosen[pair.slice(0, cut)] = [pair.slice(cut + 1)];
        });
      }
      return { q: params.get("q") || "", filters: chosen };
    }

    function chosenFilters() {
      var chosen = {};
      form.querySelectorAll("[data-filter]").forEach(function (control) {
        var name = control.dataset.filter;
        if ((control.type === "checkbox" && control.checked) || (control.tagName === "SELECT" && control.value)) {
          (chosen[name] = chosen[name] || []).push(control.value);
        }
      });
      return chosen;
    }

    function remember(q, chosen) {
      var params = new URLSearchParams();
      if (q) {
        params.set("q", q);
      }
      Object.keys(chosen).forEach(function (name) {
        chosen[name].forEach(function (value) {
          params.append(name, value);
        });
      });
      if (!q && !Object.keys(chosen).length) {
        params.set("q", ""); // nothing chosen on purpose: a reload keeps it so
      }
      window.history.replaceState(null, "", window.location.pathname + "?" + params.toString());
    }

    // The filter controls, drawn once from the whole index's values; each search
    // then only updates the counts, so a keyboard user's place is kept.
    var countLabels = []; // [label or option, filter name, value, text before the count]

    function drawFilters(counts, chosen) {
      names.forEach(function (name, n) {
        var values = Object.keys(counts[name] || {}).sort(function (a, b) {
          return a.localeCompare(b, data.lang);
        });
        if (!values.length) {
          return;
        }
        var picked = chosen[name] || [];
        if (values.length > MANY) {
          var label = element("label", "dossiers-finder__label", name);
          label.htmlFor = "dossiers-finder-f" + n;
          var select = element("select", "dossiers-finder__select");
          select.id = label.htmlFor;
          select.dataset.filter = name;
          select.appendChild(element("option", "", data.all)).value = "";
          values.forEach(function (value) {
            var option = element("option");
            option.value = value;
            option.selected = picked.indexOf(value) !== -1;
            select.appendChild(option);
            countLabels.push([option, name, value]);
          });
          var row = element("p", "dossiers-finder__group");
          row.appendChild(label);
          row.appendChild(select);
          filtersBox.appendChild(row);
          return;
        }
        var group = element("fieldset", "dossiers-finder__group");
        group.appendChild(element("legend", "", name));
        values.forEach(function (value, v) {
          var box = element("input");
          box.type = "checkbox";
          box.id = "dossiers-finder-f" + n + "-" + v;
          box.value = value;
          box.dataset.filter = name;
          box.checked = picked.indexOf(value) !== -1;
          var label = element("label");
          label.htmlFor = box.id;
          var item = element("span", "dossiers-finder__choice");
          item.appendChild(box);
          item.appendChild(label);
          group.appendChild(item);
          countLabels.push([label, name, value]);
        });
        filtersBox.appendChild(group);
      });
      updateCounts(counts);
    }

    function updateCounts(counts) {
      countLabels.forEach(function (entry) {
        var count = (counts[entry[1]] || {})[entry[2]] || 0;
        entry[0].textContent = entry[2] + " (" + count + ")";
      });
    }

    function showMore() {
      var batch = found.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = shown >= found.length;
      var q = words.value.trim();
      return Promise.all(
        batch.map(function (result) {
          return result.data();
        })
      ).then(function (pages) {
        pages.forEach(function (page) {
          var item = element("li", "dossiers-finder__result");
          var title = element("a", "dossiers-finder__title", (page.meta && page.meta.title) || page.url);
          title.href = page.url;
          item.appendChild(title);
          if (page.meta && page.meta.date) {
            var when = element("p", "dossiers-finder__date");
            var time = element("time", "", dates.format(new Date(page.meta.date + "T12:00:00")));
            time.dateTime = page.meta.date;
            when.appendChild(time);
            item.appendChild(when);
          }
          var excerpt = page.plain_excerpt || "";
          if (title.textContent && excerpt.indexOf(title.textContent) === 0) {
            excerpt = excerpt.slice(title.textContent.length).trim(); // said just above
          }
          item.appendChild(marked(excerpt, q));
          list.appendChild(item);
        });
      });
    }

    function search() {
      var q = words.value.trim();
      var chosen = chosenFilters();
      var mine = ++asked;
      remember(q, chosen);
      if (!q && !Object.keys(chosen).length) {
        found = [];
        shown = 0;
        list.textContent = "";
        more.hidden = true;
        status.textContent = data.empty;
        return Promise.resolve();
      }
      status.textContent = data.searching;
      var asking = [pagefind.search(q || null, ask(q, chosen))];
      // A filter's counts are what choosing one of its values would give with the
      // other filters as they are: for a filter with a choice, ask without it.
      Object.keys(chosen).forEach(function (name) {
        var others = {};
        Object.keys(chosen).forEach(function (other) {
          if (other !== name) {
            others[other] = chosen[other];
          }
        });
        asking.push(
          !q && !Object.keys(others).length
            ? Promise.resolve({ filters: total })
            : pagefind.search(q || null, ask(q, others))
        );
      });
      return Promise.all(asking).then(function (answers) {
        if (mine !== asked) {
          return;
        }
        var counts = answers[0].filters;
        Object.keys(chosen).forEach(function (name, n) {
          counts[name] = answers[n + 1].filters[name] || {};
        });
        updateCounts(counts);
        found = answers[0].results;
        shown = 0;
        list.textContent = "";
        status.textContent = !found.length
          ? data.none
          : found.length === 1
            ? data.one
            : data.many.replace("{n}", String(found.length));
        return showMore();
      });
    }

    // Pagefind's search options: two values of one filter mean either of them (an
    // activity has one theme); without words, the activities in date order, with
    // words the best match first.
    function ask(q, chosen) {
      var filters = {};
      Object.keys(chosen).forEach(function (name) {
        filters[name] = { any: chosen[name] };
      });
      return q ? { filters: filters } : { filters: filters, sort: { date: "asc" } };
    }

    function soon() {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 300);
    }

    import(new URL(data.pagefind, window.location.href).href).then(function (module) {
      pagefind = module;
      return pagefind.options({ excerptLength: 30 }).then(function () {
        return pagefind.filters();
      });
    }).then(function (counts) {
      total = counts;
      var start = fromAddress();
      words.value = start.q;
      drawFilters(counts, start.filters);
      form.hidden = false;
      if (plain) {
        plain.hidden = true; // the finder shows the same, and more
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        window.clearTimeout(timer);
        search();
      });
      form.addEventListener("reset", function () {
        window.setTimeout(function () {
          form.querySelectorAll("[data-filter]").forEach(function (control) {
            control.checked = false;
          });
          search();
        });
      });
      form.addEventListener("change", function (event) {
        if (event.target.dataset.filter) {
          search();
        }
      });
      words.addEventListener("input", soon);
      more.addEventListener("click", function () {
        var first = shown;
        showMore().then(function () {
          var next = list.children[first];
          if (next) {
            next.querySelector("a").focus(); // keyboard users go on where the new results start
          }
        });
      });
      return search();
    }, function () {
      // No index (a preview before its first full build, a host that lost the
      // files): the form stays hidden and the plain list below is the page.
      form.hidden = true;
      if (plain) {
        plain.hidden = false;
      }
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(startFinder); // Material's page views
  } else {
    document.addEventListener("DOMContentLoaded", startFinder);
  }
})();

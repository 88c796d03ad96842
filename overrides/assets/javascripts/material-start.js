// Material's start-up code (partials/javascripts/base.html in Material 9.8.1),
// served as a file so the site's Content-Security-Policy allows no inline
// script. Material's bundle and its other scripts use these four globals.
// The scope (the site's base address) comes from this script element's
// data-md-scope, written by overrides/partials/javascripts/base.html.
(__md_scope = new URL(document.currentScript.dataset.mdScope, location)),
  (__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0)),
  (__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e))),
  (__md_set = (e, _, t = localStorage, a = __md_scope) => {
    try {
      t.setItem(a.pathname + "." + e, JSON.stringify(_));
    } catch (e) {}
  });

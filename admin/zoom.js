// The editor (Sveltia CMS) adds a viewport meta element that forbids zooming
// (maximum-scale=1), which fails WCAG 1.4.4 (resize text): keep every viewport
// element at a plain width=device-width so a reader can zoom. A file, not an
// inline script, for the page's Content-Security-Policy.
(() => {
  const plain = "width=device-width, initial-scale=1";
  const fix = () => {
    for (const meta of document.querySelectorAll('meta[name="viewport"]')) {
      if (meta.content !== plain) meta.content = plain;
    }
  };
  new MutationObserver(fix).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["content"],
  });
  fix();
})();

// Material wraps wide tables in a horizontally scrolling box. Keyboard users
// must be able to reach and scroll it (WCAG 2.1.1), so make each box focusable
// and name it after its table's first header cell. Runs on every page view,
// including Material's instant navigation (document$).
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    if (box.hasAttribute("tabindex")) {
      return;
    }
    var header = box.querySelector("th");
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", header ? header.textContent.trim() : "Tabel");
  });
});

// Sections folded with <details data-open-wide> stay folded on phones (and without JavaScript)
// and open on wide screens, where there is room to read them at once.
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 48rem)").matches) return;
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    details.open = true;
  });
})();

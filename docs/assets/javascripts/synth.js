// synth: a link to a claim, an answer cell or a cited passage (#claim-3, #cell-2, #q-10-80) opens the
// evidence it points at. The evidence sits in collapsible blocks (<details>); this opens the block that
// holds the target and the first block of the target's own section (up to the next heading).
// Local, no dependencies, no request: the site works offline and from disk.
(function () {
  "use strict";
  var HEADING = /^H[1-6]$/;

  function openEvidence() {
    var id = location.hash.slice(1);
    if (!id) return;
    try { id = decodeURIComponent(id); } catch (e) { return; }
    var target = document.getElementById(id);
    if (!target) return;
    for (var up = target.closest("details"); up; up = up.parentElement && up.parentElement.closest("details")) {
      up.open = true;
    }
    if (HEADING.test(target.tagName)) {
      for (var node = target.nextElementSibling; node && !HEADING.test(node.tagName); node = node.nextElementSibling) {
        if (node.tagName === "DETAILS") { node.open = true; break; }
      }
    }
    target.scrollIntoView();
  }

  window.addEventListener("hashchange", openEvidence);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openEvidence);
  } else {
    openEvidence();
  }
})();

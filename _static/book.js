// Phones: a table wider than its column says that it scrolls sideways (the hint shows at 600 px and narrower, see book.css).
(function () {
  "use strict";
  var HINT = "Wider than the screen: swipe sideways to see every column \u2192";
  function mark() {
    document.querySelectorAll(".bd-article .pst-scrollable-table-container").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("is-scrollable", wide);
      var hint = box.previousElementSibling;
      var has = hint && hint.classList.contains("table-scroll-hint");
      if (wide && !has) {
        hint = document.createElement("p");
        hint.className = "table-scroll-hint";
        hint.textContent = HINT;
        box.parentNode.insertBefore(hint, box);
      } else if (!wide && has) {
        hint.remove();
      }
    });
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();

// Phones: a table or a figure wider than its column says that it scrolls sideways (the hint shows at 600 px and
// narrower, see book.css; figures keep a legible width there and scroll).
(function () {
  "use strict";
  var HINTS = {table: "Wider than the screen: swipe sideways to see every column \u2192",
               figure: "Wider than the screen: swipe sideways to see the whole figure \u2192"};
  function mark() {
    document.querySelectorAll(".bd-article .pst-scrollable-table-container, .bd-article figure").forEach(function (box) {
      var kind = box.tagName === "FIGURE" ? "figure" : "table";
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("is-scrollable", wide);
      var hint = box.previousElementSibling;
      var has = hint && hint.classList.contains("table-scroll-hint");
      if (wide && !has) {
        hint = document.createElement("p");
        hint.className = "table-scroll-hint";
        hint.textContent = HINTS[kind];
        box.parentNode.insertBefore(hint, box);
      } else if (!wide && has) {
        hint.remove();
      }
    });
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("load", mark);  // figures are wide only once their images have loaded
  window.addEventListener("resize", mark);
})();

// Phones: a table wider than its column says that it scrolls sideways (the hint shows at 600 px and narrower, see
// book.css). A figure fits the screen's width; a tap on it opens its image at full size, where its labels read at their
// own size, and a line under it says so (shown on phones only).
(function () {
  "use strict";
  var HINT = "Wider than the screen: swipe sideways to see every column \u2192";
  var ZOOM = "Tap the figure to open it at full size";
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
  function zoom() {
    document.querySelectorAll(".bd-article figure img").forEach(function (img) {
      if (img.closest("a") || img.classList.contains("figure-thumbnail")) return;
      var link = document.createElement("a");
      link.href = img.getAttribute("src");
      link.className = "figure-zoom";
      img.parentNode.insertBefore(link, img);
      link.appendChild(img);
      var hint = document.createElement("span");
      hint.className = "figure-zoom-hint";
      hint.textContent = ZOOM;
      link.parentNode.insertBefore(hint, link.nextSibling);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { zoom(); mark(); });
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();

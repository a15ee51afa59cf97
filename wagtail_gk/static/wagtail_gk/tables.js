/* Marks each {% gk_scroll_table %} box whose table is wider than the box, so
   that its "swipe to see" hint shows (tables.css); re-checked on resize. */
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".gk-table").forEach(function (figure) {
      var box = figure.querySelector(".gk-table-scroll");
      if (!box) return;
      if (box.scrollWidth > box.clientWidth + 1) figure.setAttribute("data-overflowing", "");
      else figure.removeAttribute("data-overflowing");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  window.addEventListener("resize", mark);
  window.addEventListener("load", mark);
})();

// Shows the chart or story chosen in a list, and outlines a whole quotation on hover.
(function () {
  function chooser(selectId, items) {
    var select = document.getElementById(selectId);
    if (!select) return;
    select.addEventListener("change", function () {
      items().forEach(function (el) {
        el.hidden = el.getAttribute("data-id") !== select.value;
      });
    });
  }
  chooser("kind-select", function () {
    return Array.prototype.map.call(
      document.querySelectorAll("#speakers figure[data-chart]"),
      function (f) { f.setAttribute("data-id", f.getAttribute("data-chart")); return f; });
  });
  chooser("story-select", function () {
    return Array.prototype.map.call(
      document.querySelectorAll("article.story"),
      function (a) { a.setAttribute("data-id", a.id); return a; });
  });
  function mark(event, on) {
    var piece = event.target.closest ? event.target.closest("[data-q]") : null;
    if (!piece) return;
    var story = piece.closest("article");
    var q = piece.getAttribute("data-q");
    story.querySelectorAll('[data-q="' + q + '"]').forEach(function (el) {
      el.classList.toggle("hl", on);
    });
  }
  document.addEventListener("mouseover", function (e) { mark(e, true); });
  document.addEventListener("mouseout", function (e) { mark(e, false); });
})();

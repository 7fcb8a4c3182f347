// Filters for the indstat HTML report. The page is complete without this script: the filter
// form starts hidden and only appears when the script runs, and every claim is visible.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("article.claim"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[data-verdict]"));
  var search = form.querySelector("input[type=search]");
  var shown = document.getElementById("shown");

  function apply() {
    var wanted = {};
    boxes.forEach(function (box) { wanted[box.getAttribute("data-verdict")] = box.checked; });
    var query = search ? search.value.trim().toLowerCase() : "";
    var count = 0;
    rows.forEach(function (row) {
      var verdictOn = wanted[row.getAttribute("data-verdict")] !== false;
      var textOn = query === "" || row.textContent.toLowerCase().indexOf(query) !== -1;
      row.hidden = !(verdictOn && textOn);
      if (!row.hidden) { count += 1; }
    });
    if (shown) { shown.textContent = count + " of " + rows.length + " claims shown"; }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();

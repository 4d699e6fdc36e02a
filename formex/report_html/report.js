// Filter and page the review table; nothing is fetched.
(function () {
  var table = document.getElementById("review-table");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var size = 50, page = 0, matching = rows;
  var q = document.getElementById("f-text"), reason = document.getElementById("f-reason"),
      severity = document.getElementById("f-severity"), kind = document.getElementById("f-table"),
      info = document.getElementById("f-info");
  function matches(row) {
    var text = q.value.trim().toLowerCase();
    return (!text || row.textContent.toLowerCase().indexOf(text) >= 0) &&
      (!reason.value || (" " + row.dataset.reasons + " ").indexOf(" " + reason.value + " ") >= 0) &&
      (!severity.value || row.dataset.severity === severity.value) &&
      (!kind.value || row.dataset.table === kind.value);
  }
  function show() {
    var pages = Math.max(1, Math.ceil(matching.length / size));
    page = Math.min(Math.max(page, 0), pages - 1);
    rows.forEach(function (row) { row.classList.add("hidden"); });
    matching.slice(page * size, page * size + size).forEach(function (row) { row.classList.remove("hidden"); });
    info.textContent = matching.length ? (page * size + 1) + "–" + Math.min(matching.length, page * size + size) +
      " of " + matching.length + " (page " + (page + 1) + " of " + pages + ")" : "no row matches";
  }
  function filter() { matching = rows.filter(matches); page = 0; show(); }
  [q, reason, severity, kind].forEach(function (el) { el.addEventListener("input", filter); });
  document.getElementById("f-prev").addEventListener("click", function () { page -= 1; show(); });
  document.getElementById("f-next").addEventListener("click", function () { page += 1; show(); });
  filter();
})();

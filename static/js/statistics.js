// The statistics pages: draw each chart from its data block (a json_script, so no inline script under the
// Content-Security-Policy). The table under each chart holds the same figures for screen readers and print.
(function () {
  "use strict";
  var COLOURS = ["#1f5f9e", "#d9822b", "#3c8d40", "#b03a48", "#6f4e9c", "#8c6d31", "#2a9d8f", "#7f7f7f",
                 "#c2185b", "#5d7b1f", "#0277bd", "#e0a800", "#4e342e", "#00838f", "#9e9d24", "#ad1457",
                 "#283593", "#ef6c00", "#37474f"];

  // Counts of households and homes: whole numbers on the value axis.
  var WHOLE = {precision: 0};

  function scalesFor(kind) {
    if (kind === "stacked") { return {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: WHOLE}}; }
    if (kind === "hbar") { return {x: {stacked: true, beginAtZero: true, ticks: WHOLE}, y: {stacked: true}}; }
    if (kind === "hgrouped") { return {x: {beginAtZero: true, ticks: WHOLE}}; }
    if (kind === "dual") {
      return {y: {beginAtZero: true, position: "left", ticks: WHOLE},
              y1: {beginAtZero: true, position: "right", grid: {drawOnChartArea: false}}};
    }
    return {y: {beginAtZero: true, ticks: WHOLE}};
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-figure"));
    if (!source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var datasets = data.datasets.map(function (set, i) {
      var colour = COLOURS[i % COLOURS.length];
      var out = {label: set.label, data: set.data, backgroundColor: colour, borderColor: colour};
      if (data.kind === "dual" && i === 1) { out.type = "line"; out.yAxisID = "y1"; }
      if (data.kind === "line") { out.tension = 0.2; out.fill = false; }
      return out;
    });
    var chart = new window.Chart(canvas, {
      type: data.kind === "line" ? "line" : "bar",
      data: {labels: data.labels, datasets: datasets},
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        indexAxis: data.kind === "hbar" || data.kind === "hgrouped" ? "y" : "x",
        // On a phone a legend of many series would crowd out the chart; the table below names them.
        plugins: {legend: {display: !(window.innerWidth < 600 && datasets.length > 6), position: "bottom",
                           labels: {boxWidth: 12}}},
        scales: scalesFor(data.kind)
      }
    });
    canvas.setAttribute("data-drawn", "true");
    return chart;
  }

  function start() {
    var charts = [];
    document.querySelectorAll("canvas[data-figure]").forEach(function (canvas) {
      var chart = draw(canvas);
      if (chart) { charts.push(chart); }
    });
    // Printed at the paper's width, not the screen's.
    window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

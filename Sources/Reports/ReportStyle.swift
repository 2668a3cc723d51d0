import DataFiles
/// The style sheet of `report.html`: one column that reads on a phone, status colours that always come
/// with words and a symbol, charts that scale with their `viewBox`, and A4 pages when printed.
///
/// Only local fonts are named; nothing is fetched.
let reportStyleSheet = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1120px; padding: 0 1rem 2rem; color: #212529; background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 16px; line-height: 1.45; }
h1 { font-size: 1.55rem; line-height: 1.25; margin: 1.2rem 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #dee2e6; }
h3 { font-size: 1.1rem; margin: 0 0 .3rem; }
p { margin: .4rem 0; }
a { color: #1c5fa8; }
.lead { color: #343a40; max-width: 62rem; }
.meta, .note, .model, .certainty, .detail, .name-en { color: #495057; font-size: .92rem; }
.certainty { border-left: 3px solid #adb5bd; padding-left: .5rem; }
.detail { font-size: .82rem; color: #6c757d; overflow-wrap: anywhere; }
.id { color: #6c757d; font-weight: normal; font-size: .9em; }
nav ul { list-style: none; padding: 0; margin: .6rem 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
.counts { list-style: none; padding: 0; margin: .6rem 0; display: grid; gap: .3rem; }
.counts li { margin: .1rem 0; }
.count { white-space: nowrap; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { padding: .35rem .5rem; border-bottom: 1px solid #dee2e6; vertical-align: top; text-align: left; }
thead th { background: #f1f3f5; border-bottom: 2px solid #adb5bd; }
table.board { width: 100%; }
table.board th, table.board td { padding: .3rem .45rem; }
table.board tbody th[scope=row] { white-space: nowrap; font-weight: 600; }
tr.programme th { background: #e7f0fa; font-size: 1rem; border-bottom: 1px solid #a5c3e6; }
.verdict { display: flex; flex-direction: column; align-items: flex-start; gap: .1rem; }
.verdict.inline { flex-direction: row; flex-wrap: wrap; align-items: center; gap: .1rem .5rem; }
td.name { min-width: 14rem; }
td.goal { white-space: nowrap; }
td.goal.milestone { white-space: normal; }
.num { font-variant-numeric: tabular-nums; }
.range, .p, .all { color: #495057; font-size: .85rem; white-space: nowrap; }
.status { display: inline-block; padding: 0 .45rem; border: 1px solid; border-radius: .3rem; font-weight: 600;
  font-size: .85rem; white-space: nowrap; }
.status .icon { display: inline-block; min-width: .9em; text-align: center; }
.st-achieved { background: #b2f2bb; border-color: #2b8a3e; color: #0b3d1a; }
.st-on-track { background: #d3f9d8; border-color: #40c057; color: #1b4d2a; }
.st-at-risk { background: #ffec99; border-color: #f08c00; color: #5c3b00; }
.st-off-track { background: #ffc9c9; border-color: #e03131; color: #6b0f0f; }
.st-missed { background: #fff; border-color: #e03131; color: #6b0f0f; }
.why, .growth { display: block; color: #495057; font-size: .8rem; white-space: normal; max-width: 22rem; }
.st-no-data { background: #f1f3f5; border-color: #adb5bd; color: #495057; }
dl.scenarios { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: .5rem 0; }
dl.scenarios dt { font-weight: 600; display: flex; align-items: center; gap: .4rem; }
dl.scenarios dd { margin: 0; color: #343a40; }
section.indicator { margin: 1.6rem 0 2.2rem; padding-top: .4rem; border-top: 1px solid #dee2e6; }
figure.chart { margin: .6rem 0; max-width: 780px; }
.chart-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
svg.growth-chart { display: block; width: 100%; height: auto; font-family: inherit; }
svg.fan-chart { display: block; width: 100%; height: auto; font-family: inherit; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: .3rem 0 0;
  font-size: .85rem; color: #343a40; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.sw { display: inline-block; flex: none; width: 28px; height: 3px; }
.sw-dot { width: 10px; height: 10px; border-radius: 50%; }
.sw-actual { background: #212529; }
.sw-estimate { background: #fff; border: 2px solid #212529; }
.sw-later { width: 9px; height: 9px; margin: 0 1px; background: #495057; transform: rotate(45deg); }
.sw-trend { background: #868e96; height: 3px; }
.sw-band { height: 12px; }
.sw-target { width: 13px; height: 13px; border-radius: 50%; border: 2.5px solid #a61e4d; }
table.numbers { margin: .6rem 0; font-size: .85rem; }
table.numbers caption { text-align: left; font-weight: 600; padding: .2rem 0; white-space: nowrap; }
table.numbers th small { font-weight: normal; color: #495057; }
table.numbers td.data { white-space: normal; min-width: 5rem; }
table.numbers td.n, table.numbers th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sources { margin: .2rem 0; padding-left: 1.2rem; font-size: .85rem; }
.sources a { overflow-wrap: anywhere; }
ul.no-data { padding-left: 1.2rem; }
ul.no-data li { margin: .5rem 0; }
.need { color: #495057; font-size: .9rem; }
.back { font-size: .85rem; }
footer { margin-top: 2.5rem; color: #6c757d; font-size: .85rem; border-top: 1px solid #dee2e6; }
@media (max-width: 720px) {
  body { font-size: 15px; padding: 0 .6rem 1.5rem; }
  table.board thead { display: none; }
  table.board, table.board tbody, table.board tr, table.board td, table.board th { display: block; width: auto; }
  table.board tr { border: 1px solid #dee2e6; border-radius: .4rem; margin: 0 0 .6rem; padding: .3rem .5rem; }
  table.board tr.programme { border: 0; padding: 0; margin: 1rem 0 .4rem; }
  table.board td, table.board th { border: 0; padding: .15rem 0; min-width: 0; }
  table.board [data-label]::before { content: attr(data-label); display: block; font-size: .75rem; font-weight: 600;
    color: #6c757d; }
  table.board th[scope=row], table.board td.name { display: inline; font-weight: 600; }
  table.board th[scope=row]::before, table.board td.name::before { content: none; }
  table.board th[scope=row]::after { content: " · "; }
  table.board .verdict .all { display: none; }
  dl.scenarios { grid-template-columns: 1fr; }
  dl.scenarios dd { margin-bottom: .4rem; }
}
@media (max-width: 520px) {
  svg.fan-chart { min-width: 500px; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .back { display: none; }
  h2 { break-after: avoid; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, figure.chart, .legend { break-inside: avoid; }
  section.indicator { break-inside: avoid-page; }
  .table-wrap, .chart-scroll { overflow: visible; }
  svg.fan-chart { min-width: 0; }
  a { color: inherit; text-decoration: none; }
}

"""

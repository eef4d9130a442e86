// Package chart turns plain chart inputs (bars, points, stages, cells,
// already rounded by the caller) into what a page needs to draw a chart
// that says what it means, prints completely and reads on a phone: an
// option shell shared by every chart of its shape, this chart's data, an
// accessible table of the same numbers, a one-sentence description and a
// visible status key. It does no I/O and knows nothing of how figures are
// computed.
//
// # Shells and data
//
// A chart's ECharts option is two JSON documents. The shell is everything
// that depends only on the kind, the words (Labels, Axis) and the shape
// (targets or not, how many lines, which is highlighted): it is built with
// go-echarts' typed options (charts.NewBar, NewLine, NewGauge, NewHeatMap,
// opts.*), marshalled once per key and cached for the process, so that the
// 10,000 project pages of a build share one or two. The data is this
// chart's numbers and names, written by hand as plain JSON (jsonw.go): a
// project chart costs its data, table and description, about 12 µs on
// the 2-core build machine against about 90 µs when go-echarts builds
// and marshals its options per chart (BenchmarkProjectChart).
//
// Shell.JSON is {"option": <go-echarts' JSON()>, "extra": {…}}. extra holds
// the few options go-echarts' types cannot express, applied by the script,
// never by editing marshalled JSON: numbers where go-echarts has strings
// (axisLabel.interval 0, visualMap.dimension, animation durations),
// objects or lists where it has strings (time-axis label formats per
// level, a gauge's axisLine colour stops) and fields it lacks (endLabel,
// z, legend type, emphasis.disabled, tooltip.confine, nameTextStyle, a
// gauge pointer's width, axisTick of a y axis).
//
// Data is {"height", "x", "y", "names", "series", "marks", "patch"}; every
// field but height is optional. charts.js builds the option in this order
// (merged in merge_test.go mirrors it in Go, and every kind's test checks
// the result):
//
//  1. o = shell.option, then merge(o, shell.extra)
//  2. o.xAxis[0].data = data.x; o.yAxis[0].data = data.y (category axes)
//  3. o.series[i].name = data.names[i]
//  4. o.series[i].data = data.series[i] (null: keep the shell's)
//  5. o.series[i].markLine.data = data.marks[i] (null: none)
//  6. merge(o, data.patch): per-chart layout and ranges (grid margins,
//     axis min/max, visualMap range and text, gauge range and texts, the
//     ranking's value column, legend entries of a highlighted chart)
//
// merge writes objects key by key and arrays index by index; anything else
// replaces. No option holds a JavaScript function: formatters are ECharts
// string templates ({b}, {@[2]}), and every text a reader sees is made
// here, in the caller's words.
//
// # The page
//
// A page writes, once per distinct Shell.Key, AppendShell's
// <script type="application/json" class="chart-shell"
// id="chart-shell-KEY">, and per chart AppendFigure's markup:
//
//	<figure class="chart chart-KIND">
//	  <figcaption id="ID-title">Title</figcaption>
//	  <div class="chart-box" id="ID" role="img" aria-label="Desc"
//	       data-shell="KEY" data-data="ID-data" style="--chart-height:Hpx"></div>
//	  <script type="application/json" id="ID-data">Data</script>
//	  <ul class="chart-key"><li class="chart-key-STATUS"><span class="chart-swatch chart-swatch-SHAPE"></span>✓ 达标</li>…</ul>
//	  <div class="chart-data" id="ID-table" data-toggle="显示数据"><table>…</table></div>
//	</figure>
//
// then loads echarts.min.js and charts.js (ChartsJS, served at ChartsPath),
// both deferred. The box is empty until the script draws into it, so the
// site's CSS sizes it only when JavaScript runs: the layout writes
// <html class="no-js"> and a one-line inline script in <head> that replaces
// "no-js" by "js", and the stylesheet has
//
//	html.js .chart-box { height: var(--chart-height); }
//	html.no-js .chart-box, html.no-js .chart-key { display: none; }
//	.chart-data.folded { display: none; }          /* the toggle, with JS */
//	@media print {
//	  .chart-box, .chart-box > div { width: 100% !important; height: auto !important; }
//	  .chart-box svg { position: static !important; width: 100% !important; height: auto !important; }
//	  .chart-data.folded { display: block; }  .chart-toggle { display: none; }
//	}
//
// The data table is visible without JavaScript (and always printed); with
// it, a button folds it away. charts.js also sets the box's height from the
// data, draws with the SVG renderer, turns animation off for print media,
// beforeprint and prefers-reduced-motion, redraws every chart at the
// printed width on beforeprint (--chart-print-width on the root, a CSS
// length, default 170mm) with a viewBox so it scales to the paper, and sets
// document.documentElement.dataset.chartsReady = "1" once every chart has
// rendered or failed (a failure is a console error and the class
// chart-failed on its box), at once on a page without charts. The pdf
// command waits for chartsReady, emulates print media and dispatches
// beforeprint before printing.
//
// # What every chart guarantees
//
//   - Every label names its own metric and unit (Axis), and the numbers are
//     written with Axis.Places; JSON numbers are the caller's values in
//     their shortest form (strconv 'f', -1: 24.56, never noise).
//   - Status in one colour system that survives colour-blindness and
//     greyscale (status.go), always with a symbol or word beside it and a
//     Key naming each status shown; the best unit is never warm.
//   - Every category label is printed (interval 0, wrapping, no rotation),
//     and bar charts grow 30 px per bar (Chart.Height).
//   - Charts over time use a time axis and plot the points given, at their
//     dates, joined only to their neighbours; an undefined point is a gap.
//   - Safe to inline: shells and data escape <, >, & and U+2028/9, so no
//     name can end the script element (TestSafeInScript, TestBrowser).
//   - Deterministic: the same input gives the same bytes, shells included
//     (their keys are a hash of their bytes).
//   - No panic on any input: NaN, ±Inf, bad dates, ragged grids, unknown
//     statuses and absurd sizes are errors naming the item; a go-echarts
//     panic is recovered at the boundary (guard, makeShell).
//
// The descriptions' connecting words come from Labels.Phrases (default
// Simplified Chinese, DefaultPhrases); every other word from Labels, whose
// empty fields take DefaultLabels.
package chart

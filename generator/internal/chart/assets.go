package chart

import _ "embed"

// EChartsJS is the ECharts build every page with a chart loads from the
// site itself (never from another host). It is pinned in
// generator/package-lock.json and bundled to the chart types, components
// and SVG renderer used here by `npm run bundle` (make does it).
//
//go:embed assets/echarts.min.js
var EChartsJS []byte

// EChartsPath is where the site serves it.
const EChartsPath = "/assets/echarts.min.js"

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

// ChartsJS is the page script that merges each chart's shell and data and
// draws it (assets/charts.js; the merge contract is in the package
// comment). It reads data only: no option it is given can run code.
//
//go:embed assets/charts.js
var ChartsJS []byte

// ChartsPath is where the site serves ChartsJS.
const ChartsPath = "/assets/charts.js"

// EChartsLicense and EChartsNotice are ECharts' licence (Apache-2.0) and
// notice, which go wherever ECharts goes: the site serves them beside it.
//
//go:embed assets/echarts-LICENSE.txt
var EChartsLicense []byte

//go:embed assets/echarts-NOTICE.txt
var EChartsNotice []byte

// Assets are the files a site with charts serves under /assets/, by name.
func Assets() map[string][]byte {
	return map[string][]byte{
		"echarts.min.js":      EChartsJS,
		"charts.js":           ChartsJS,
		"echarts-LICENSE.txt": EChartsLicense,
		"echarts-NOTICE.txt":  EChartsNotice,
	}
}

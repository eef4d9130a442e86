package site

import (
	"html"
	"html/template"
	"strconv"
)

// HTML is the chart's figure: a caption, the box ECharts draws into, the
// options as JSON data (not code: <script type="application/json"> never
// runs, and encoding/json has escaped every <, > and & in it, so no text
// can close the element), and the same numbers as a table. It is written
// here rather than through a layout because a large site has tens of
// thousands of charts and executing a template for each costs more than
// the rest of its page (performance-notes.md). Layouts place it with
// {{template "partials/chart" .}}, which prints it.
func (v *chartView) HTML() template.HTML {
	b := scratch.Get().(*bufWriter)
	defer putScratch(b)
	e := html.EscapeString
	id := v.ID // [A-Za-z0-9_] only (chart.ID)
	b.WriteString(`<figure class="chart chart-`)
	b.WriteString(e(v.Kind))
	b.WriteString(`" aria-labelledby="` + id + `_title">` + "\n")
	b.WriteString(`<figcaption id="` + id + `_title">` + e(v.Title) + "</figcaption>\n")
	b.WriteString(`<div class="chart-box" id="` + id + `" role="img" aria-label="` + e(v.Desc) + `" data-options="` + id + `_options" style="height: ` + strconv.Itoa(v.Height) + `px"></div>` + "\n")
	b.WriteString(`<script type="application/json" id="` + id + `_options">`)
	b.Write(v.Options)
	b.WriteString("</script>\n")
	b.WriteString(`<div class="chart-data" id="` + id + `_data" data-toggle="` + e(v.toggle) + `">` + "\n<table>\n<caption>")
	if v.Table.Caption != "" {
		b.WriteString(e(v.Table.Caption))
	} else {
		b.WriteString(e(v.Title))
	}
	b.WriteString("</caption>\n<thead><tr>")
	num := func(i int) bool { return i < len(v.Num) && v.Num[i] }
	for i, h := range v.Table.Head {
		if num(i) {
			b.WriteString(`<th scope="col" class="num">`)
		} else {
			b.WriteString(`<th scope="col">`)
		}
		b.WriteString(e(h) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range v.Table.Rows {
		b.WriteString("<tr>")
		for i, c := range row {
			switch {
			case i == 0:
				b.WriteString(`<th scope="row">` + e(c) + "</th>")
			case num(i):
				b.WriteString(`<td class="num">` + e(c) + "</td>")
			default:
				b.WriteString("<td>" + e(c) + "</td>")
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n</div>\n</figure>\n")
	return template.HTML(b.String())
}

package chart

import (
	"html"
	"strconv"
)

// AppendShell appends the element that carries a shell. A page writes each
// distinct Shell.Key of its charts once, anywhere before charts.js runs
// (it is deferred, so anywhere in the document).
func AppendShell(dst []byte, s ShellRef) []byte {
	dst = append(dst, `<script type="application/json" class="chart-shell" id="chart-shell-`...)
	dst = append(dst, s.Key...) // [A-Za-z0-9_-]
	dst = append(dst, `">`...)
	dst = append(dst, s.JSON...) // HTML-safe JSON (see jsonw.go)
	return append(dst, "</script>\n"...)
}

// AppendFigure appends a chart's figure in the markup charts.js and the
// site's CSS expect (the package comment lists the classes): caption, the
// box ECharts draws into, the chart's data, its key and its data table.
// toggle labels the button that folds the table away when JavaScript runs
// ("" keeps the table open). The page writes the shell separately
// (AppendShell).
func AppendFigure(dst []byte, c *Chart, toggle string) []byte {
	e := html.EscapeString
	id := c.ID // [A-Za-z0-9_]
	dst = append(dst, `<figure class="chart chart-`...)
	dst = append(dst, e(c.Kind)...)
	dst = append(dst, `" aria-labelledby="`+id+`-title">`+"\n"...)
	dst = append(dst, `<figcaption id="`+id+`-title">`...)
	dst = append(dst, e(c.Title)...)
	dst = append(dst, "</figcaption>\n"...)
	dst = append(dst, `<div class="chart-box" id="`+id+`" role="img" aria-label="`...)
	dst = append(dst, e(c.Desc)...)
	dst = append(dst, `" data-shell="`...)
	dst = append(dst, c.Shell.Key...)
	dst = append(dst, `" data-data="`+id+`-data" style="--chart-height:`...)
	dst = strconv.AppendInt(dst, int64(c.Height), 10)
	dst = append(dst, `px"></div>`+"\n"...)
	dst = append(dst, `<script type="application/json" id="`+id+`-data">`...)
	dst = append(dst, c.Data...)
	dst = append(dst, "</script>\n"...)
	if len(c.Key) > 0 {
		dst = append(dst, `<ul class="chart-key">`...)
		for _, k := range c.Key {
			dst = append(dst, `<li class="chart-key-`...)
			dst = append(dst, e(k.Status)...)
			dst = append(dst, `"><span class="chart-swatch chart-swatch-`...)
			dst = append(dst, e(k.Shape)...)
			dst = append(dst, `" style="`...)
			dst = append(dst, swatchStyle(k)...)
			dst = append(dst, `"></span>`...)
			if k.Symbol != "" {
				dst = append(dst, e(k.Symbol)...)
				dst = append(dst, ' ')
			}
			dst = append(dst, e(k.Text)...)
			dst = append(dst, "</li>"...)
		}
		dst = append(dst, "</ul>\n"...)
	}
	dst = append(dst, `<div class="chart-data" id="`+id+`-table"`...)
	if toggle != "" {
		dst = append(dst, ` data-toggle="`...)
		dst = append(dst, e(toggle)...)
		dst = append(dst, '"')
	}
	dst = append(dst, ">\n<table>\n<caption>"...)
	dst = append(dst, e(c.Table.Caption)...)
	dst = append(dst, "</caption>\n<thead><tr>"...)
	num := func(i int) bool { return i < len(c.Table.Num) && c.Table.Num[i] }
	for i, h := range c.Table.Head {
		if num(i) {
			dst = append(dst, `<th scope="col" class="num">`...)
		} else {
			dst = append(dst, `<th scope="col">`...)
		}
		dst = append(dst, e(h)...)
		dst = append(dst, "</th>"...)
	}
	dst = append(dst, "</tr></thead>\n<tbody>\n"...)
	dst = AppendRows(dst, &c.Table)
	return append(dst, "</tbody>\n</table>\n</div>\n</figure>\n"...)
}

// AppendRows appends the body rows of a data table, one line each: the
// first cell heads its row, numeric columns have class "num".
func AppendRows(dst []byte, t *Table) []byte {
	e := html.EscapeString
	for _, row := range t.Rows {
		dst = append(dst, "<tr>"...)
		for i, cell := range row {
			switch {
			case i == 0:
				dst = append(dst, `<th scope="row">`...)
				dst = append(dst, e(cell)...)
				dst = append(dst, "</th>"...)
			case i < len(t.Num) && t.Num[i]:
				dst = append(dst, `<td class="num">`...)
				dst = append(dst, e(cell)...)
				dst = append(dst, "</td>"...)
			default:
				dst = append(dst, "<td>"...)
				dst = append(dst, e(cell)...)
				dst = append(dst, "</td>"...)
			}
		}
		dst = append(dst, "</tr>\n"...)
	}
	return dst
}

// swatchStyle draws a key swatch: its colours inline (they are this
// package's #rrggbb constants), its shape from the page's CSS classes.
func swatchStyle(k KeyItem) string {
	switch k.Shape {
	case "line", "dashed-line":
		style := "solid"
		if k.Shape == "dashed-line" {
			style = "dashed"
		}
		return "border-top:2px " + style + " " + k.Color
	}
	s := "background:" + k.Color
	if k.Border != "" {
		style := "solid"
		if k.Dashed {
			style = "dashed"
		}
		s += ";border:1px " + style + " " + k.Border
	}
	return s
}

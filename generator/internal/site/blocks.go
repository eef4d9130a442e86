package site

import (
	"html/template"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/markdown"
	"gongjian/generator/internal/metrics"
)

// blockFunc renders the ```chart and ```table blocks of one markdown file
// from the page's snapshot.
func (b *builder) blockFunc(src *dataset.Page, snap *metrics.Snapshot) markdown.BlockFunc {
	return func(info string, body []byte, index int) (template.HTML, error) {
		return "", &markdown.BlockError{Msg: info + " blocks are not supported yet"}
	}
}

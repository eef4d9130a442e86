// Package markdown is the site's one goldmark configuration: CommonMark with
// GFM tables, strikethrough, autolinks and task lists; raw HTML escaped (shown
// as text) unless the site opts in; and the ```chart / ```table blocks of
// data-format.md, which an ASTTransformer replaces by a Block node whose HTML
// the caller's BlockFunc produces.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// BlockFunc renders one ```chart or ```table block. index counts the blocks
// of the document from 0 (for chart ids). An error may be a *BlockError to
// point at a line inside the block.
type BlockFunc func(info string, body []byte, index int) (template.HTML, error)

// BlockError is a problem at a line of a block's body (1-based; 0 means the
// fence line itself).
type BlockError struct {
	Line int
	Msg  string
}

func (e *BlockError) Error() string { return e.Msg }

// LineError is a problem at a line of the markdown file.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("%d: %s", e.Line, e.Msg) }

// Markdown converts documents; it is safe for concurrent use.
type Markdown struct {
	md goldmark.Markdown
}

// New returns a converter; unsafe lets raw HTML through.
func New(unsafe bool) *Markdown {
	opts := []renderer.Option{html.WithXHTML()}
	if unsafe {
		opts = append(opts, html.WithUnsafe())
	}
	ext := []goldmark.Extender{extension.GFM, &blocks{}}
	if !unsafe {
		ext = append(ext, escapeRaw{})
	}
	return &Markdown{md: goldmark.New(
		goldmark.WithExtensions(ext...),
		goldmark.WithRendererOptions(opts...),
	)}
}

var ctxKey = parser.NewContextKey()

// state is one conversion's block handler and the problems it found.
type state struct {
	fn        BlockFunc
	firstLine int
	errs      []error
	count     int
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Convert renders src. firstLine is the file line of src[0], so that errors
// name file lines. fn may be nil: blocks then render as an error.
func (m *Markdown) Convert(src []byte, firstLine int, fn BlockFunc) (template.HTML, error) {
	st := &state{fn: fn, firstLine: firstLine}
	pc := parser.NewContext()
	pc.Set(ctxKey, st)
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := m.md.Convert(src, buf, parser.WithContext(pc)); err != nil {
		st.errs = append(st.errs, &LineError{Line: firstLine, Msg: err.Error()})
	}
	return template.HTML(buf.String()), errors.Join(st.errs...)
}

// Block is a ```chart or ```table block after transformation.
type Block struct {
	ast.BaseBlock
	Info string
	HTML template.HTML
}

// KindBlock is the node kind of Block.
var KindBlock = ast.NewNodeKind("GongjianBlock")

func (b *Block) Kind() ast.NodeKind { return KindBlock }
func (b *Block) Dump(src []byte, level int) {
	ast.DumpHelper(b, src, level, map[string]string{"Info": b.Info}, nil)
}
func (b *Block) IsRaw() bool { return true }

type blocks struct{}

func (blocks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(blockRenderer{}, 100)))
}

type transformer struct{}

// Transform collects the fenced blocks first and replaces them after the walk,
// as mutating the tree during ast.Walk would skip nodes.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(ctxKey).(*state)
	if st == nil {
		return
	}
	src := reader.Source()
	var found []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fc, ok := n.(*ast.FencedCodeBlock); ok && entering && fc.Info != nil {
			if lang := string(fc.Language(src)); lang == "chart" || lang == "table" {
				found = append(found, fc)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, fc := range found {
		lang := string(fc.Language(src))
		var body bytes.Buffer
		lines := fc.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			body.Write(seg.Value(src))
		}
		// The fence line: the line before the first body line, or found
		// from the info string when the block is empty.
		fence := bytes.Count(src[:fc.Info.Segment.Start], []byte("\n")) + st.firstLine
		b := &Block{Info: lang}
		if st.fn == nil {
			st.errs = append(st.errs, &LineError{Line: fence, Msg: fmt.Sprintf("%s blocks are not available here", lang)})
		} else {
			h, err := st.fn(lang, body.Bytes(), st.count)
			if err != nil {
				line := fence
				var be *BlockError
				if errors.As(err, &be) {
					line = fence + be.Line
				}
				st.errs = append(st.errs, &LineError{Line: line, Msg: err.Error()})
			}
			b.HTML = h
		}
		st.count++
		parent := fc.Parent()
		parent.ReplaceChild(parent, fc, b)
	}
}

type blockRenderer struct{}

func (blockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(string(n.(*Block).HTML))
		}
		return ast.WalkSkipChildren, nil
	})
}

// escapeRaw renders raw HTML as visible, escaped text instead of dropping it.
type escapeRaw struct{}

func (escapeRaw) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(escapeRaw{}, 50)))
}

func (escapeRaw) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				s := segs.At(i)
				_, _ = w.WriteString(template.HTMLEscapeString(string(s.Value(src))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		hb := n.(*ast.HTMLBlock)
		_, _ = w.WriteString("<p>")
		lines := hb.Lines()
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			_, _ = w.WriteString(template.HTMLEscapeString(string(s.Value(src))))
		}
		if hb.HasClosure() {
			_, _ = w.WriteString(template.HTMLEscapeString(string(hb.ClosureLine.Value(src))))
		}
		_, _ = w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}

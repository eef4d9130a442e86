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
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"gongjian/generator/internal/i18n"
)

// BlockFunc renders one ```chart or ```table block. index counts the blocks
// of the document from 0 (for chart ids). An error may be a *BlockError to
// point at a line inside the block.
type BlockFunc func(info string, body []byte, index int) (template.HTML, error)

// BlockError is a problem at a line of a block's body (1-based; 0 means the
// fence line itself).
type BlockError struct {
	Line int
	Msg  i18n.Msg
}

func (e *BlockError) Error() string { return e.Msg.String() }

// LineError is a problem at a line of the markdown file.
type LineError struct {
	Line int
	Msg  i18n.Msg
}

func (e *LineError) Error() string { return fmt.Sprintf("%d: %s", e.Line, e.Msg) }

// Markdown converts documents; it is safe for concurrent use.
type Markdown struct {
	md     goldmark.Markdown
	unsafe bool
}

// New returns a converter; unsafe lets raw HTML (and remote images)
// through.
func New(unsafe bool) *Markdown {
	opts := []renderer.Option{html.WithXHTML()}
	if unsafe {
		opts = append(opts, html.WithUnsafe())
	}
	ext := []goldmark.Extender{
		extension.Strikethrough, extension.Linkify, extension.TaskList,
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignStyle)),
		&blocks{unsafe: unsafe}, tableWrap{},
	}
	if !unsafe {
		ext = append(ext, escapeRaw{})
	}
	return &Markdown{md: goldmark.New(
		goldmark.WithExtensions(ext...),
		goldmark.WithRendererOptions(opts...),
	), unsafe: unsafe}
}

var ctxKey = parser.NewContextKey()

// state is one conversion's block handler and the problems it found.
type state struct {
	fn        BlockFunc
	firstLine int
	errs      []error
	count     int
	unsafe    bool
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Convert renders src. firstLine is the file line of src[0], so that errors
// name file lines. fn may be nil: blocks then render as an error.
func (m *Markdown) Convert(src []byte, firstLine int, fn BlockFunc) (template.HTML, error) {
	if line, ok := tooDeep(src); ok {
		return "", &LineError{Line: firstLine + line - 1, Msg: i18n.M("markdown.too_deep", maxNesting)}
	}
	if line, key, ok := tooTangled(src); ok {
		return "", &LineError{Line: firstLine + line - 1, Msg: i18n.M(key, maxNesting, maxDefinitions)}
	}
	st := &state{fn: fn, firstLine: firstLine, unsafe: m.unsafe}
	pc := parser.NewContext()
	pc.Set(ctxKey, st)
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := m.md.Convert(src, buf, parser.WithContext(pc)); err != nil {
		st.errs = append(st.errs, &LineError{Line: firstLine, Msg: i18n.M("raw", err.Error())})
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

type blocks struct{ unsafe bool }

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
		if !entering {
			return ast.WalkContinue, nil
		}
		if fc, ok := n.(*ast.FencedCodeBlock); ok && fc.Info != nil {
			if lang := string(fc.Language(src)); lang == "chart" || lang == "table" {
				found = append(found, fc)
			}
		}
		// No page loads anything from another host: an image from an
		// absolute URL is an error unless the site allows raw HTML.
		if img, ok := n.(*ast.Image); ok && !st.unsafe && remote(string(img.Destination)) {
			st.errs = append(st.errs, &LineError{Line: lineOf(src, n) + st.firstLine - 1, Msg: i18n.M("markdown.remote_image", string(img.Destination))})
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
			st.errs = append(st.errs, &LineError{Line: fence, Msg: i18n.M("block.unavailable", lang)})
		} else {
			h, err := st.fn(lang, body.Bytes(), st.count)
			if err != nil {
				line, msg := fence, i18n.M("raw", err.Error())
				var be *BlockError
				if errors.As(err, &be) {
					line, msg = fence+be.Line, be.Msg
				}
				st.errs = append(st.errs, &LineError{Line: line, Msg: msg})
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

// remote reports a URL that points at another host: an absolute URL with
// a scheme, or a protocol-relative one (//host/x).
func remote(u string) bool {
	u = strings.TrimSpace(u)
	if strings.HasPrefix(u, "//") {
		return true
	}
	i := strings.IndexByte(u, ':')
	if i <= 0 {
		return false
	}
	for _, c := range u[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return !strings.EqualFold(u[:i], "data")
}

// lineOf is the 1-based line of a node in src (its first text segment, or
// its parent's lines).
func lineOf(src []byte, n ast.Node) int {
	for m := n; m != nil; m = m.Parent() {
		if t, ok := m.(*ast.Text); ok {
			return bytes.Count(src[:t.Segment.Start], []byte("\n")) + 1
		}
		if m.Type() == ast.TypeBlock && m.Lines().Len() > 0 {
			return bytes.Count(src[:m.Lines().At(0).Start], []byte("\n")) + 1
		}
		if c := m.FirstChild(); c != nil && c != n {
			if t, ok := c.(*ast.Text); ok {
				return bytes.Count(src[:t.Segment.Start], []byte("\n")) + 1
			}
		}
	}
	return 1
}

// maxNesting bounds how deeply lists and block quotes may nest: goldmark
// takes time that grows faster than the input on deep nesting (a 160 KB
// line of "- - - …" took 15 s), and no document nests so deep.
const maxNesting = 32

// tooDeep finds the first line whose containers (list items, block
// quotes, indentation) nest deeper than maxNesting, in one pass.
func tooDeep(src []byte) (int, bool) {
	line := 1
	for i := 0; i < len(src); {
		depth, indent := 0, 0
		j := i
	scan:
		for j < len(src) {
			switch c := src[j]; {
			case c == ' ':
				indent++
				j++
			case c == '\t':
				indent += 4
				j++
			case c == '>':
				depth++
				j++
			case (c == '-' || c == '*' || c == '+') && j+1 < len(src) && (src[j+1] == ' ' || src[j+1] == '\t'):
				depth++
				j += 2
			case c >= '0' && c <= '9':
				k := j
				for k < len(src) && k-j < 9 && src[k] >= '0' && src[k] <= '9' {
					k++
				}
				if k < len(src)-1 && (src[k] == '.' || src[k] == ')') && (src[k+1] == ' ' || src[k+1] == '\t') {
					depth++
					j = k + 2
					continue
				}
				break scan
			default:
				break scan
			}
			if depth+indent/2 > maxNesting {
				return line, true
			}
		}
		nl := bytes.IndexByte(src[j:], '\n')
		if nl < 0 {
			break
		}
		i = j + nl + 1
		line++
	}
	return 0, false
}

// maxDefinitions bounds the link reference definitions ([x]: url) of one
// paragraph: goldmark takes time that grows with their square (80,000 in
// 1 MB took 3 s), and a page needs a handful.
const maxDefinitions = 500

// tooTangled finds, in one pass, the first line of a paragraph whose
// brackets or parentheses nest deeper than maxNesting, or that holds more
// than maxDefinitions link reference definitions. goldmark's link parser
// takes time that grows with the square of such runs ("[[[…]]]" in 1 MB:
// 9 s; "[a](" repeated: minutes). Fenced code is not looked into, and a
// backslash escapes the character after it. key words the problem.
func tooTangled(src []byte) (line int, key string, ok bool) {
	line = 1
	brackets, parens, defs := 0, 0, 0
	fence := byte(0)
	for i := 0; i < len(src); {
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		text := src[i:end]
		trimmed := bytes.TrimLeft(text, " ")
		switch {
		case fence != 0:
			if len(text)-len(trimmed) < 4 && bytes.HasPrefix(trimmed, []byte{fence, fence, fence}) {
				fence = 0
			}
		case len(text)-len(trimmed) < 4 && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))):
			fence = trimmed[0]
			brackets, parens, defs = 0, 0, 0
		case len(bytes.TrimSpace(text)) == 0:
			brackets, parens, defs = 0, 0, 0
		default:
			if len(text)-len(trimmed) < 4 && len(trimmed) > 0 && trimmed[0] == '[' && bytes.Contains(trimmed, []byte("]:")) {
				if defs++; defs > maxDefinitions {
					return line, "markdown.too_many_definitions", true
				}
			}
			for j := 0; j < len(text); j++ {
				switch text[j] {
				case '\\':
					j++
				case '[':
					brackets++
				case ']':
					brackets = max(brackets-1, 0)
				case '(':
					parens++
				case ')':
					parens = max(parens-1, 0)
				}
				if brackets > maxNesting || parens > maxNesting {
					return line, "markdown.too_tangled", true
				}
			}
		}
		i = end + 1
		line++
	}
	return 0, "", false
}

// tableWrap puts every GFM table in a box that scrolls on its own, so
// that a wide table never widens the page on a phone.
type tableWrap struct{}

func (tableWrap) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tableWrap{}, 99)))
}

func (tableWrap) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	tr := extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignStyle))
	inner := map[ast.NodeKind]renderer.NodeRendererFunc{}
	tr.RegisterFuncs(funcCollector(inner))
	reg.Register(east.KindTable, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="table-wrap">`)
		}
		st, err := inner[east.KindTable](w, src, n, entering)
		if !entering {
			_, _ = w.WriteString("</div>\n")
		}
		return st, err
	})
}

// funcCollector collects a renderer's functions by node kind.
type funcCollector map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcCollector) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

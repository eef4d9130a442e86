// Package tmplexec executes html/template layouts without paying
// text/template's reflection on every action.
//
// html/template escapes a template by rewriting its parse tree: every
// action gets its escaper functions appended (_html_template_htmlescaper
// and friends), and text/template then evaluates each field, method and
// function through reflect (a method lookup by name per field, a
// reflective variadic call per escaper). On a site of tens of thousands
// of pages that is most of the build.
//
// A Program walks the same escaped tree, so the contextual escaping is
// html/template's own; what differs is how it gets there: field and
// method lookups are resolved once per type and cached, the escapers and
// the comparison builtins are called directly. Its contract is strict:
// Execute either writes exactly what html/template would, or returns
// ErrFallback having decided nothing, and the caller executes the
// template with html/template (which then also produces the real error
// message for a template or data mistake). Constructs it does not
// implement are refused by Compile; values it cannot treat exactly
// (HTML inside an attribute, map keys that are not strings or ints, a
// function that fails or panics) fall back at run time.
package tmplexec

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"text/template/parse"
)

// ErrFallback means: execute this one with html/template.
var ErrFallback = errors.New("tmplexec: not handled, use html/template")

// Program is one escaped template compiled for fast execution.
type Program struct {
	root    *tree
	methods map[methodKey]*Method
}

type tree struct {
	name string
	root []node
}

type compiler struct {
	set   *template.Template
	funcs map[string]Func
	trees map[string]*tree
}

// Compile prepares the template called name of set, which must already
// have been escaped (executed once). funcs is the FuncMap the set was
// parsed with, where a value may be a Func (see Func1) for a direct
// call. An error means the template uses something the fast path
// does not implement; the caller keeps using html/template for it.
func Compile(set *template.Template, name string, funcs template.FuncMap, methods ...*Method) (*Program, error) {
	c := &compiler{set: set, funcs: map[string]Func{}, trees: map[string]*tree{}}
	for k, f := range funcs {
		fn, ok := f.(Func)
		if !ok {
			fn = Reflect(f)
		}
		if fn.fn.Kind() != reflect.Func {
			return nil, fmt.Errorf("function %s is not a function", k)
		}
		c.funcs[k] = fn
	}
	t, err := c.tree(name)
	if err != nil {
		return nil, err
	}
	p := &Program{root: t, methods: map[methodKey]*Method{}}
	for _, m := range methods {
		p.methods[methodKey{m.recv, m.name}] = m
	}
	return p, nil
}

func (c *compiler) tree(name string) (*tree, error) {
	if t, ok := c.trees[name]; ok {
		return t, nil
	}
	ht := c.set.Lookup(name)
	if ht == nil || ht.Tree == nil || ht.Tree.Root == nil {
		return nil, fmt.Errorf("template %q not found", name)
	}
	t := &tree{name: name}
	c.trees[name] = t // before the body: templates may recurse
	root, err := c.list(ht.Tree.Root)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t.root = root
	return t, nil
}

// Nodes of a compiled tree.
type (
	node interface{}

	textNode   []byte
	actionNode struct {
		pipe   *pipeline
		print  bool // no declaration: the last commands are escapers
		esc    []escaper
		direct []string // the replacement table when the one escaper is a table for plain text
		url    bool     // the escapers are urlfilter, urlnormalizer, attrescaper (a link)
	}
	ifNode struct {
		with        bool
		pipe        *pipeline
		list, else_ []node
	}
	rangeNode struct {
		pipe        *pipeline
		list, else_ []node
	}
	templateNode struct {
		t    *tree
		pipe *pipeline
	}
	breakNode    struct{}
	continueNode struct{}
)

type pipeline struct {
	decl   []string
	assign bool
	cmds   []*command
}

// command is one word of a pipeline with its arguments.
type command struct {
	first arg
	args  []arg // arguments after the first word (functions, methods)
}

// arg is an operand: what a command starts with or passes.
type arg interface{}

type (
	fieldArg struct {
		recv   arg // nil: dot
		names  []string
		caches []*fieldCache
	}
	varArg struct {
		name   string
		names  []string
		caches []*fieldCache
	}
	dotArg   struct{}
	nilArg   struct{}
	constArg struct {
		v    reflect.Value     // the constant as an ideal value (strings, bools, numbers)
		num  *parse.NumberNode // typed evaluation of numbers
		kind parse.NodeType
		text string
		bval bool
		err  bool // a number that is not a valid ideal constant
	}
	pipeArg struct{ p *pipeline }
	funcArg struct {
		name    string
		builtin string // "and", "or", "not" and the comparisons: evaluated in evalFunc
		fn      reflect.Value
		call    Caller // nil: reflect.Value.Call
	}
)

// fieldCache remembers how one field name resolved for the last
// receiver type seen at that place in the template.
type fieldCache struct {
	last atomic.Pointer[resolution]
}

type resolution struct {
	typ    reflect.Type
	addr   bool
	method int     // ≥ 0: method index on the (pointer) receiver
	fast   *Method // a direct call for it
	index  []int   // struct field
	isMap  bool
}

func (c *compiler) list(l *parse.ListNode) ([]node, error) {
	if l == nil {
		return nil, nil
	}
	var out []node
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			out = append(out, textNode(n.Text))
		case *parse.CommentNode:
		case *parse.ActionNode:
			a, err := c.action(n)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
		case *parse.IfNode:
			x, err := c.branch(false, n.Pipe, n.List, n.ElseList)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		case *parse.WithNode:
			x, err := c.branch(true, n.Pipe, n.List, n.ElseList)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		case *parse.RangeNode:
			p, err := c.pipeline(n.Pipe)
			if err != nil {
				return nil, err
			}
			body, err := c.list(n.List)
			if err != nil {
				return nil, err
			}
			els, err := c.list(n.ElseList)
			if err != nil {
				return nil, err
			}
			out = append(out, &rangeNode{pipe: p, list: body, else_: els})
		case *parse.TemplateNode:
			t, err := c.tree(n.Name)
			if err != nil {
				return nil, err
			}
			var p *pipeline
			if n.Pipe != nil {
				if p, err = c.pipeline(n.Pipe); err != nil {
					return nil, err
				}
			}
			out = append(out, &templateNode{t: t, pipe: p})
		case *parse.BreakNode:
			out = append(out, breakNode{})
		case *parse.ContinueNode:
			out = append(out, continueNode{})
		default:
			return nil, fmt.Errorf("unsupported node %s", n)
		}
	}
	return out, nil
}

func (c *compiler) branch(with bool, pipe *parse.PipeNode, list, els *parse.ListNode) (node, error) {
	p, err := c.pipeline(pipe)
	if err != nil {
		return nil, err
	}
	body, err := c.list(list)
	if err != nil {
		return nil, err
	}
	e, err := c.list(els)
	if err != nil {
		return nil, err
	}
	return &ifNode{with: with, pipe: p, list: body, else_: e}, nil
}

func (c *compiler) action(n *parse.ActionNode) (node, error) {
	a := &actionNode{print: len(n.Pipe.Decl) == 0}
	cmds := n.Pipe.Cmds
	var names []string
	if a.print {
		// The trailing escapers html/template added; at least one, with
		// no arguments of their own.
		for len(cmds) > 0 {
			last := cmds[len(cmds)-1]
			id, ok := last.Args[0].(*parse.IdentifierNode)
			if !ok || len(last.Args) != 1 || !strings.HasPrefix(id.Ident, "_html_template_") {
				break
			}
			e, ok := escapers[id.Ident]
			if !ok {
				return nil, fmt.Errorf("escaper %s not implemented", id.Ident)
			}
			a.esc = append([]escaper{e}, a.esc...)
			names = append([]string{id.Ident}, names...)
			cmds = cmds[:len(cmds)-1]
		}
		if len(a.esc) == 0 {
			return nil, fmt.Errorf("action %s is not escaped", n)
		}
		if len(names) == 1 {
			a.direct = directTables[names[0]]
		}
		a.url = slices.Equal(names, []string{"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"})
		if len(cmds) == 0 {
			return nil, fmt.Errorf("action %s has no value", n)
		}
	}
	p := *n.Pipe
	p.Cmds = cmds
	pp, err := c.pipeline(&p)
	if err != nil {
		return nil, err
	}
	a.pipe = pp
	return a, nil
}

func (c *compiler) pipeline(p *parse.PipeNode) (*pipeline, error) {
	if p == nil {
		return nil, nil
	}
	out := &pipeline{assign: p.IsAssign}
	for _, v := range p.Decl {
		out.decl = append(out.decl, v.Ident[0])
	}
	for _, cmd := range p.Cmds {
		if len(cmd.Args) == 0 {
			return nil, fmt.Errorf("empty command")
		}
		first, err := c.arg(cmd.Args[0])
		if err != nil {
			return nil, err
		}
		k := &command{first: first}
		for _, a := range cmd.Args[1:] {
			x, err := c.arg(a)
			if err != nil {
				return nil, err
			}
			k.args = append(k.args, x)
		}
		out.cmds = append(out.cmds, k)
	}
	return out, nil
}

func caches(n int) []*fieldCache {
	out := make([]*fieldCache, n)
	for i := range out {
		out[i] = &fieldCache{}
	}
	return out
}

func (c *compiler) arg(n parse.Node) (arg, error) {
	switch n := n.(type) {
	case *parse.FieldNode:
		return &fieldArg{names: n.Ident, caches: caches(len(n.Ident))}, nil
	case *parse.ChainNode:
		recv, err := c.arg(n.Node)
		if err != nil {
			return nil, err
		}
		if _, ok := recv.(nilArg); ok {
			return nil, fmt.Errorf("indirection through nil")
		}
		return &fieldArg{recv: recv, names: n.Field, caches: caches(len(n.Field))}, nil
	case *parse.VariableNode:
		return &varArg{name: n.Ident[0], names: n.Ident[1:], caches: caches(len(n.Ident) - 1)}, nil
	case *parse.DotNode:
		return dotArg{}, nil
	case *parse.NilNode:
		return nilArg{}, nil
	case *parse.StringNode:
		return &constArg{v: reflect.ValueOf(n.Text), kind: parse.NodeString, text: n.Text}, nil
	case *parse.BoolNode:
		return &constArg{v: reflect.ValueOf(n.True), kind: parse.NodeBool, bval: n.True}, nil
	case *parse.NumberNode:
		k := &constArg{kind: parse.NodeNumber, num: n}
		switch {
		case n.IsComplex:
			return nil, fmt.Errorf("complex constant %s", n.Text)
		case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
			k.v = reflect.ValueOf(n.Float64)
		case n.IsInt && int64(int(n.Int64)) == n.Int64:
			k.v = reflect.ValueOf(int(n.Int64))
		default:
			k.err = true
		}
		return k, nil
	case *parse.PipeNode:
		p, err := c.pipeline(n)
		if err != nil {
			return nil, err
		}
		return &pipeArg{p: p}, nil
	case *parse.IdentifierNode:
		if strings.HasPrefix(n.Ident, "_html_template_") {
			return nil, fmt.Errorf("escaper %s used as a value", n.Ident)
		}
		if f, ok := c.funcs[n.Ident]; ok {
			return &funcArg{name: n.Ident, fn: f.fn, call: f.call}, nil
		}
		switch n.Ident {
		case "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge":
			return &funcArg{name: n.Ident, builtin: n.Ident}, nil
		}
		if f, ok := builtinFuncs[n.Ident]; ok {
			return &funcArg{name: n.Ident, fn: f.fn, call: f.call}, nil
		}
		return nil, fmt.Errorf("function %s not implemented", n.Ident)
	}
	return nil, fmt.Errorf("unsupported operand %s", n)
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

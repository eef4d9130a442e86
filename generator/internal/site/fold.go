package site

import (
	"html/template"
	"io"
	"strconv"
	"strings"
	"text/template/parse"
)

// Layouts call T with a constant key far more often than anything else:
// every column heading and every data-label of every table row. Two
// passes make those calls cost nothing at build time, with output
// byte-identical to calling T:
//
//  1. foldStrings, after parsing: {{T "key"}} becomes {{"the string"}}, a
//     constant that html/template escapes for its context as it would
//     have escaped T's result.
//  2. foldEscaped, after html/template has escaped the templates: a
//     constant whose only escaper is the one for HTML text or for a
//     quoted attribute value becomes plain template text, escaped here
//     the same way.
//
// Keys no table has are left alone, so that the page fails naming them
// as before.

// foldStrings replaces constant T calls in every template of t.
func foldStrings(t *template.Template, lookup func(string) (string, bool)) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			foldNode(tt.Tree.Root, lookup)
		}
	}
}

func foldNode(n parse.Node, lookup func(string) (string, bool)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			foldNode(c, lookup)
		}
	case *parse.ActionNode:
		foldPipe(n.Pipe, lookup)
	case *parse.IfNode:
		foldBranch(&n.BranchNode, lookup)
	case *parse.RangeNode:
		foldBranch(&n.BranchNode, lookup)
	case *parse.WithNode:
		foldBranch(&n.BranchNode, lookup)
	case *parse.TemplateNode:
		foldPipe(n.Pipe, lookup)
	}
}

func foldBranch(b *parse.BranchNode, lookup func(string) (string, bool)) {
	foldPipe(b.Pipe, lookup)
	foldNode(b.List, lookup)
	if b.ElseList != nil {
		foldNode(b.ElseList, lookup)
	}
}

func foldPipe(p *parse.PipeNode, lookup func(string) (string, bool)) {
	if p == nil {
		return
	}
	for _, c := range p.Cmds {
		for i, a := range c.Args {
			switch a := a.(type) {
			case *parse.PipeNode:
				foldPipe(a, lookup)
				continue
			case *parse.IdentifierNode:
				if i != 0 || a.Ident != "T" || len(c.Args) != 2 {
					continue
				}
			default:
				continue
			}
			key, ok := c.Args[1].(*parse.StringNode)
			if !ok {
				continue
			}
			v, ok := lookup(key.Text)
			if !ok {
				continue
			}
			c.Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: key.Pos, Quoted: strconv.Quote(v), Text: v}}
			break
		}
	}
}

// escapeAll makes html/template escape every template of t now, as it
// otherwise does at each template's first execution; the execution that
// follows (with no data) stops at its first field and is discarded.
// It returns the first escaping error, positioned in its layout.
func escapeAll(t *template.Template) error {
	for _, tt := range t.Templates() {
		err := t.ExecuteTemplate(io.Discard, tt.Name(), nil)
		var ee *template.Error
		if err != nil && asTemplateError(err, &ee) {
			return err
		}
	}
	return nil
}

func asTemplateError(err error, target **template.Error) bool {
	e, ok := err.(*template.Error)
	if ok {
		*target = e
	}
	return ok
}

// textEscapers are html/template's escapers whose output for a constant
// foldEscaped computes itself: HTML text and quoted attribute values.
var textEscapers = map[string]bool{
	"_html_template_htmlescaper": true,
	"_html_template_attrescaper": true,
}

// escapeText escapes s as html/template escapes text and quoted
// attribute values.
var escapeText = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
).Replace

// foldEscaped turns escaped constants into template text in every
// template of t; t must have been escaped (escapeAll).
func foldEscaped(t *template.Template) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			foldEscapedList(tt.Tree.Root)
		}
	}
}

func foldEscapedList(l *parse.ListNode) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if s, ok := escapedConstant(n.Pipe); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(s)}
			}
		case *parse.IfNode:
			foldEscapedList(n.List)
			foldEscapedList(n.ElseList)
		case *parse.RangeNode:
			foldEscapedList(n.List)
			foldEscapedList(n.ElseList)
		case *parse.WithNode:
			foldEscapedList(n.List)
			foldEscapedList(n.ElseList)
		}
	}
}

// escapedConstant reports the output of a pipeline that is a constant
// string followed by one text or attribute escaper.
func escapedConstant(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 2 {
		return "", false
	}
	first := p.Cmds[0]
	if len(first.Args) != 1 {
		return "", false
	}
	s, ok := first.Args[0].(*parse.StringNode)
	if !ok {
		return "", false
	}
	for _, c := range p.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || !textEscapers[id.Ident] {
			return "", false
		}
	}
	return escapeText(s.Text), true
}

package tmplexec

import (
	"html/template"
	"io"
	"reflect"
	"sort"
	"text/template/parse"
)

// The evaluation below follows text/template's exec.go step by step
// (Copyright The Go Authors, BSD-style licence); where text/template
// would report an error, we fall back and let it.

// fallback is the panic value that unwinds an execution we give up.
type fallback struct{}

func giveUp() { panic(fallback{}) }

type variable struct {
	name  string
	value reflect.Value
}

// Writer is where a program writes.
type Writer interface {
	io.Writer
	io.StringWriter
}

type state struct {
	methods  map[methodKey]*Method
	buf      Writer
	argStack []reflect.Value
	vars     []variable
	depth    int
}

type flow int

const (
	flowNext flow = iota
	flowBreak
	flowContinue
)

const maxDepth = 10000

var (
	reflectValueType = reflect.TypeFor[reflect.Value]()
	anyType          = reflect.TypeFor[any]()
)

// Execute writes the template's output for data to w. On ErrFallback
// part of it may have been written: the caller discards it and executes
// the template with html/template.
func (p *Program) Execute(w Writer, data any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = ErrFallback
		}
	}()
	v, ok := data.(reflect.Value)
	if !ok {
		v = reflect.ValueOf(data)
	}
	s := &state{methods: p.methods, buf: w, vars: make([]variable, 1, 16)}
	s.vars[0] = variable{"$", v}
	s.walk(v, p.root.root)
	return nil
}

func (s *state) walk(dot reflect.Value, list []node) flow {
	for _, n := range list {
		switch n := n.(type) {
		case textNode:
			s.buf.Write(n)
		case *actionNode:
			val := s.evalPipeline(dot, n.pipe)
			if n.print {
				s.print(val, n.esc, n.direct, n.url)
			}
		case *ifNode:
			if f := s.walkIf(dot, n); f != flowNext {
				return f
			}
		case *rangeNode:
			s.walkRange(dot, n)
		case *templateNode:
			s.walkTemplate(dot, n)
		case breakNode:
			return flowBreak
		case continueNode:
			return flowContinue
		}
	}
	return flowNext
}

// print runs the escapers on the action's value, as html/template's
// escaper functions receive it (through a variadic ...any parameter).
func (s *state) print(val reflect.Value, esc []escaper, direct []string, url bool) {
	var str string
	var t contentType
	switch {
	case !val.IsValid():
		// stringify(nil): nothing
	case val.Type() == stringType:
		str = val.String()
	case val.Type() == htmlType:
		str, t = val.String(), contentTypeHTML
	default:
		str, t = stringify(val.Interface())
	}
	if url && t == contentTypePlain && plainPath(str) {
		// A URL of letters, digits and -._~/ passes urlfilter,
		// urlnormalizer and attrescaper unchanged.
		s.buf.WriteString(str)
		return
	}
	if direct != nil && t == contentTypePlain {
		// The one escaper replaces characters by a table: write the
		// escaped text straight out instead of building it.
		htmlReplaceTo(s.buf, str, direct)
		return
	}
	for _, e := range esc {
		var ok bool
		if str, ok = e(str, t); !ok {
			giveUp()
		}
		t = contentTypePlain
	}
	s.buf.WriteString(str)
}

func (s *state) walkIf(dot reflect.Value, n *ifNode) flow {
	mark := len(s.vars)
	defer func() { s.vars = s.vars[:mark] }()
	val := s.evalPipeline(dot, n.pipe)
	truth, ok := isTrue(indirectInterface(val))
	if !ok {
		giveUp()
	}
	if truth {
		if n.with {
			return s.walk(val, n.list)
		}
		return s.walk(dot, n.list)
	} else if n.else_ != nil {
		return s.walk(dot, n.else_)
	}
	return flowNext
}

func (s *state) walkRange(dot reflect.Value, r *rangeNode) {
	outer := len(s.vars)
	defer func() { s.vars = s.vars[:outer] }()
	val, _ := indirect(s.evalPipeline(dot, r.pipe))
	mark := len(s.vars)
	decl := r.pipe.decl
	// one runs the body once; false means break.
	one := func(index, elem reflect.Value) bool {
		if len(decl) > 0 {
			if r.pipe.assign {
				if len(decl) > 1 {
					s.setVar(decl[0], index)
				} else {
					s.setVar(decl[0], elem)
				}
			} else {
				s.vars[len(s.vars)-1].value = elem
			}
		}
		if len(decl) > 1 {
			if r.pipe.assign {
				s.setVar(decl[1], elem)
			} else {
				s.vars[len(s.vars)-2].value = index
			}
		}
		f := s.walk(elem, r.list)
		s.vars = s.vars[:mark]
		return f != flowBreak
	}
	switch val.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if len(decl) > 1 {
			giveUp()
		}
		n := val.Int()
		if n <= 0 {
			break
		}
		for i := int64(0); i < n; i++ {
			e := reflect.New(val.Type()).Elem()
			e.SetInt(i)
			if !one(reflect.Value{}, e) {
				break
			}
		}
		return
	case reflect.Array, reflect.Slice:
		if val.Len() == 0 {
			break
		}
		for i := 0; i < val.Len(); i++ {
			if !one(reflect.ValueOf(i), val.Index(i)) {
				break
			}
		}
		return
	case reflect.Map:
		if val.Len() == 0 {
			break
		}
		keys := val.MapKeys()
		switch val.Type().Key().Kind() {
		case reflect.String:
			sort.Slice(keys, func(i, k int) bool { return keys[i].String() < keys[k].String() })
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			sort.Slice(keys, func(i, k int) bool { return keys[i].Int() < keys[k].Int() })
		default:
			giveUp()
		}
		for _, k := range keys {
			if !one(k, val.MapIndex(k)) {
				break
			}
		}
		return
	case reflect.Invalid:
	default:
		giveUp()
	}
	if r.else_ != nil {
		s.walk(dot, r.else_)
	}
}

func (s *state) walkTemplate(dot reflect.Value, t *templateNode) {
	if s.depth >= maxDepth {
		giveUp()
	}
	dot = s.evalPipeline(dot, t.pipe)
	// The template sees only its own variables: they start after the
	// caller's, in the same backing array, and the caller's come back.
	saved := s.vars
	s.vars = append(s.vars[len(s.vars):len(s.vars)], variable{"$", dot})
	s.depth++
	s.walk(dot, t.t.root)
	s.depth--
	s.vars = saved
}

func (s *state) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	giveUp()
}

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	giveUp()
	return reflect.Value{}
}

func (s *state) evalPipeline(dot reflect.Value, p *pipeline) reflect.Value {
	if p == nil {
		return reflect.Value{}
	}
	var value reflect.Value
	final := false
	for _, c := range p.cmds {
		value = s.evalCommand(dot, c, value, final)
		final = true
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	for _, name := range p.decl {
		if p.assign {
			s.setVar(name, value)
		} else {
			s.vars = append(s.vars, variable{name, value})
		}
	}
	return value
}

func (s *state) evalCommand(dot reflect.Value, c *command, final reflect.Value, hasFinal bool) reflect.Value {
	switch a := c.first.(type) {
	case *fieldArg:
		recv := dot
		if a.recv != nil {
			recv = s.evalArg(dot, nil, a.recv)
		}
		return s.evalFieldChain(dot, recv, a.names, a.caches, c.args, final, hasFinal)
	case *varArg:
		v := s.varValue(a.name)
		if len(a.names) == 0 {
			if len(c.args) > 0 || hasFinal {
				giveUp()
			}
			return v
		}
		return s.evalFieldChain(dot, v, a.names, a.caches, c.args, final, hasFinal)
	case *funcArg:
		return s.evalFunc(dot, a, c.args, final, hasFinal)
	case *pipeArg:
		if len(c.args) > 0 || hasFinal {
			giveUp()
		}
		return s.evalPipeline(dot, a.p)
	}
	if len(c.args) > 0 || hasFinal {
		giveUp()
	}
	switch a := c.first.(type) {
	case dotArg:
		return dot
	case *constArg:
		if a.err {
			giveUp()
		}
		return a.v
	}
	giveUp()
	return reflect.Value{}
}

func (s *state) evalFieldChain(dot, recv reflect.Value, names []string, cs []*fieldCache, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
	n := len(names)
	for i := 0; i < n-1; i++ {
		recv = s.evalField(dot, names[i], cs[i], nil, reflect.Value{}, false, recv)
	}
	return s.evalField(dot, names[n-1], cs[n-1], args, final, hasFinal, recv)
}

func (s *state) evalField(dot reflect.Value, name string, c *fieldCache, args []arg, final reflect.Value, hasFinal bool, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		return reflect.Value{}
	}
	receiver, isNil := indirect(receiver)
	if isNil {
		giveUp() // nil pointers and interfaces: text/template's rules, its messages
	}
	ptr, addr := receiver, false
	if ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr, addr = ptr.Addr(), true
	}
	res := c.last.Load()
	if res == nil || res.typ != receiver.Type() || res.addr != addr {
		res = resolve(receiver.Type(), ptr.Type(), addr, name, s.methods)
		c.last.Store(res)
	}
	hasArgs := len(args) > 0 || hasFinal
	switch {
	case res.fast != nil:
		argv := s.args(dot, res.fast.typ, args, final, hasFinal)
		v, err := res.fast.call(ptr, argv)
		s.popArgs(argv)
		if err != nil {
			giveUp()
		}
		return v
	case res.method >= 0:
		return s.call(dot, ptr.Method(res.method), nil, args, final, hasFinal)
	case res.index != nil:
		if hasArgs {
			giveUp()
		}
		f, err := receiver.FieldByIndexErr(res.index)
		if err != nil {
			giveUp()
		}
		return f
	case res.isMap:
		if hasArgs {
			giveUp()
		}
		return receiver.MapIndex(reflect.ValueOf(name))
	}
	giveUp()
	return reflect.Value{}
}

var (
	stringType = reflect.TypeFor[string]()
	htmlType   = reflect.TypeFor[template.HTML]()
)

// resolve finds what name means on a receiver type, as evalField does:
// a method of the (addressable) receiver first, then a struct field or a
// map key.
func resolve(typ, ptrType reflect.Type, addr bool, name string, methods map[methodKey]*Method) *resolution {
	r := &resolution{typ: typ, addr: addr, method: -1}
	if m, ok := ptrType.MethodByName(name); ok {
		r.method = m.Index
		if f := methods[methodKey{ptrType, name}]; f != nil && f.expr == m.Type {
			r.fast = f
		}
		return r
	}
	switch typ.Kind() {
	case reflect.Struct:
		if f, ok := typ.FieldByName(name); ok && f.IsExported() {
			r.index = f.Index
		}
	case reflect.Map:
		if stringType.AssignableTo(typ.Key()) {
			r.isMap = true
		}
	}
	return r
}

func (s *state) evalFunc(dot reflect.Value, f *funcArg, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
	if f.builtin == "and" || f.builtin == "or" {
		if len(args) == 0 && !hasFinal {
			giveUp()
		}
		var v reflect.Value
		for _, a := range args {
			v = s.evalArg(dot, reflectValueType, a).Interface().(reflect.Value)
			if truth(v) == (f.builtin == "or") {
				return v
			}
		}
		if hasFinal {
			v = unwrap(s.validateType(final, reflectValueType))
		}
		return v
	}
	if f.builtin != "" {
		return s.compare(dot, f.builtin, args, final, hasFinal)
	}
	return s.call(dot, f.fn, f.call, args, final, hasFinal)
}

// compare evaluates not and the comparisons, whose parameters are
// reflect.Values: each argument as evalArg gives it for that type,
// without boxing it.
func (s *state) compare(dot reflect.Value, name string, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
	n := len(args)
	if hasFinal {
		n++
	}
	var small [4]reflect.Value
	if n > len(small) {
		giveUp()
	}
	vs := small[:n]
	for i, a := range args {
		vs[i] = s.argValue(dot, a)
	}
	if hasFinal {
		vs[n-1] = final
	}
	var r bool
	var err error
	switch name {
	case "not":
		if n != 1 {
			giveUp()
		}
		r = !truth(vs[0])
	case "eq":
		if n < 1 {
			giveUp()
		}
		r, err = eq(vs[0], vs[1:]...)
	default:
		if n != 2 {
			giveUp()
		}
		switch name {
		case "ne":
			r, err = ne(vs[0], vs[1])
		case "lt":
			r, err = lt(vs[0], vs[1])
		case "le":
			r, err = le(vs[0], vs[1])
		case "gt":
			r, err = gt(vs[0], vs[1])
		case "ge":
			r, err = ge(vs[0], vs[1])
		}
	}
	if err != nil {
		giveUp()
	}
	return reflect.ValueOf(r)
}

// argValue is evalArg(dot, reflect.Value's type, a), unwrapped.
func (s *state) argValue(dot reflect.Value, a arg) reflect.Value {
	var v reflect.Value
	switch a := a.(type) {
	case dotArg:
		v = dot
	case nilArg:
		return reflect.Value{}
	case *constArg:
		if a.err {
			giveUp()
		}
		return a.v
	case *fieldArg:
		recv := dot
		if a.recv != nil {
			recv = s.evalArg(dot, nil, a.recv)
		}
		v = s.evalFieldChain(dot, recv, a.names, a.caches, nil, reflect.Value{}, false)
	case *varArg:
		v = s.varValue(a.name)
		if len(a.names) > 0 {
			v = s.evalFieldChain(dot, v, a.names, a.caches, nil, reflect.Value{}, false)
		}
	case *pipeArg:
		v = s.evalPipeline(dot, a.p)
	case *funcArg:
		v = s.evalFunc(dot, a, nil, reflect.Value{}, false)
	default:
		giveUp()
	}
	if v.IsValid() && v.Type() == reflectValueType {
		giveUp() // a reflect.Value as data: left to text/template
	}
	return v
}

func unwrap(v reflect.Value) reflect.Value {
	if v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v
}

// call evaluates the arguments as text/template does for fun's
// signature, then calls fun: directly through fast when there is one.
func (s *state) call(dot, fun reflect.Value, fast Caller, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
	argv := s.args(dot, fun.Type(), args, final, hasFinal)
	defer s.popArgs(argv)
	if fast != nil {
		v, err := fast(argv)
		if err != nil {
			giveUp()
		}
		return v
	}
	out := fun.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		giveUp()
	}
	return unwrap(out[0])
}

// args evaluates a call's arguments for a function of type typ, the
// pipeline's previous value (final) last.
func (s *state) args(dot reflect.Value, typ reflect.Type, args []arg, final reflect.Value, hasFinal bool) []reflect.Value {
	numIn := len(args)
	if hasFinal {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			giveUp()
		}
	} else if numIn != typ.NumIn() {
		giveUp()
	}
	switch {
	case typ.NumOut() == 1:
	case typ.NumOut() == 2 && typ.Out(1) == errorType:
	default:
		giveUp()
	}
	// The arguments live on the state's stack (calls nest: an argument
	// may itself be a call); a callee never keeps them.
	base := len(s.argStack)
	s.argStack = append(s.argStack, make([]reflect.Value, numIn)...)
	argv := s.argStack[base : base+numIn : base+numIn]
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		argv[i] = s.evalArg(dot, typ.In(i), args[i])
	}
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			argv[i] = s.evalArg(dot, argType, args[i])
		}
	}
	if hasFinal {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		argv[i] = s.validateType(final, t)
	}
	return argv
}

// popArgs releases the arguments args pushed.
func (s *state) popArgs(argv []reflect.Value) {
	clear(argv)
	s.argStack = s.argStack[:len(s.argStack)-len(argv)]
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

func (s *state) validateType(value reflect.Value, typ reflect.Type) reflect.Value {
	if !value.IsValid() {
		if typ == nil {
			return reflect.ValueOf(nil)
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		giveUp()
	}
	if typ == reflectValueType && value.Type() != typ {
		return reflect.ValueOf(value)
	}
	if typ != nil && !value.Type().AssignableTo(typ) {
		if value.Kind() == reflect.Interface && !value.IsNil() {
			value = value.Elem()
			if value.Type().AssignableTo(typ) {
				return value
			}
		}
		switch {
		case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
			value = value.Elem()
			if !value.IsValid() {
				giveUp()
			}
		case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
			value = value.Addr()
		default:
			giveUp()
		}
	}
	return value
}

func (s *state) evalArg(dot reflect.Value, typ reflect.Type, a arg) reflect.Value {
	switch a := a.(type) {
	case dotArg:
		return s.validateType(dot, typ)
	case nilArg:
		if typ != nil && canBeNil(typ) {
			return reflect.Zero(typ)
		}
		giveUp()
	case *fieldArg:
		recv := dot
		if a.recv != nil {
			recv = s.evalArg(dot, nil, a.recv)
		}
		return s.validateType(s.evalFieldChain(dot, recv, a.names, a.caches, nil, reflect.Value{}, false), typ)
	case *varArg:
		v := s.varValue(a.name)
		if len(a.names) > 0 {
			v = s.evalFieldChain(dot, v, a.names, a.caches, nil, reflect.Value{}, false)
		}
		return s.validateType(v, typ)
	case *pipeArg:
		return s.validateType(s.evalPipeline(dot, a.p), typ)
	case *funcArg:
		return s.validateType(s.evalFunc(dot, a, nil, reflect.Value{}, false), typ)
	case *constArg:
		if typ == nil {
			giveUp()
		}
		switch typ.Kind() {
		case reflect.Bool:
			if a.kind == parse.NodeBool {
				v := reflect.New(typ).Elem()
				v.SetBool(a.bval)
				return v
			}
		case reflect.String:
			if a.kind == parse.NodeString && typ == stringType {
				return a.v
			}
			if a.kind == parse.NodeString {
				v := reflect.New(typ).Elem()
				v.SetString(a.text)
				return v
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if a.num != nil && a.num.IsInt {
				v := reflect.New(typ).Elem()
				v.SetInt(a.num.Int64)
				return v
			}
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if a.num != nil && a.num.IsUint {
				v := reflect.New(typ).Elem()
				v.SetUint(a.num.Uint64)
				return v
			}
		case reflect.Float32, reflect.Float64:
			if a.num != nil && a.num.IsFloat {
				v := reflect.New(typ).Elem()
				v.SetFloat(a.num.Float64)
				return v
			}
		case reflect.Interface:
			if typ.NumMethod() == 0 && !a.err {
				return a.v
			}
		case reflect.Struct:
			if typ == reflectValueType && !a.err {
				return reflect.ValueOf(a.v)
			}
		}
	}
	giveUp()
	return reflect.Value{}
}

func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

func truth(arg reflect.Value) bool {
	t, _ := isTrue(indirectInterface(arg))
	return t
}

// plainPath reports whether s is made of letters, digits and -._~/ only.
func plainPath(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			return false
		}
	}
	return true
}

package tmplexec

import (
	"fmt"
	"reflect"
	"strings"
)

// Caller calls a function with arguments already converted to its
// parameter types, as text/template converts them.
type Caller func(argv []reflect.Value) (reflect.Value, error)

// Func is a template function with, optionally, a direct way to call it.
type Func struct {
	fn   reflect.Value
	call Caller
}

// Value is the function itself, for a template.FuncMap.
func (f Func) Value() any { return f.fn.Interface() }

// Reflect wraps any function; common signatures get a direct call.
func Reflect(f any) Func {
	fn := Func{fn: reflect.ValueOf(f)}
	switch f := f.(type) {
	case func(string) string:
		fn.call = func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(a[0].String())), nil }
	case func(string) (string, error):
		fn.call = func(a []reflect.Value) (reflect.Value, error) {
			r, err := f(a[0].String())
			return reflect.ValueOf(r), err
		}
	case func(any) string:
		fn.call = func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(iface(a[0]))), nil }
	case func(string, any) string:
		fn.call = func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(a[0].String(), iface(a[1]))), nil
		}
	case func(int) int:
		fn.call = func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(int(a[0].Int()))), nil }
	case func(int) string:
		fn.call = func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(int(a[0].Int()))), nil }
	case func(...any) string:
		fn.call = func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(ifaces(a)...)), nil }
	case func(string, ...any) string:
		fn.call = func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(a[0].String(), ifaces(a[1:])...)), nil
		}
	case func(...any) []any:
		fn.call = func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(ifaces(a)...)), nil }
	case func(...any) (map[string]any, error):
		fn.call = func(a []reflect.Value) (reflect.Value, error) {
			r, err := f(ifaces(a)...)
			return reflect.ValueOf(r), err
		}
	}
	return fn
}

// Func1 wraps a one-argument function of any types for a direct call.
func Func1[A, R any](f func(A) R) Func {
	return Func{fn: reflect.ValueOf(f), call: func(a []reflect.Value) (reflect.Value, error) {
		x, _ := iface(a[0]).(A)
		return result(f(x)), nil
	}}
}

// Func1E is Func1 for a function that can fail.
func Func1E[A, R any](f func(A) (R, error)) Func {
	return Func{fn: reflect.ValueOf(f), call: func(a []reflect.Value) (reflect.Value, error) {
		x, _ := iface(a[0]).(A)
		r, err := f(x)
		return result(r), err
	}}
}

// result is r as a reflect.Value of its static type R, as the result of
// reflect.Value.Call would be.
func result[R any](r R) reflect.Value {
	if reflect.TypeFor[R]().Kind() == reflect.Interface {
		return reflect.ValueOf(&r).Elem()
	}
	return reflect.ValueOf(r)
}

// iface is the value a parameter of interface type receives.
func iface(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

func ifaces(vs []reflect.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = iface(v)
	}
	return out
}

// builtinFuncs are text/template's builtins that take ordinary
// arguments, each with its direct call; and, or, not and the comparisons
// are evaluated in evalFunc.
var builtinFuncs = map[string]Func{
	"len": {fn: reflect.ValueOf(length), call: func(a []reflect.Value) (reflect.Value, error) {
		n, err := length(unwrap(a[0]))
		return reflect.ValueOf(n), err
	}},
	"index": {fn: reflect.ValueOf(index), call: func(a []reflect.Value) (reflect.Value, error) {
		return index(unwrap(a[0]), unwrapAll(a[1:])...)
	}},
	"print":   {fn: reflect.ValueOf(fmt.Sprint), call: sprint},
	"printf":  Reflect(fmt.Sprintf),
	"println": Reflect(fmt.Sprintln),
}

func unwrapAll(vs []reflect.Value) []reflect.Value {
	out := make([]reflect.Value, len(vs))
	for i, v := range vs {
		out[i] = unwrap(v)
	}
	return out
}

// Method is a method with a direct call, for Compile. It applies when
// the receiver type has the method with exactly the expression's type.
type Method struct {
	recv reflect.Type // the receiver as the template reaches it (*T for pointer methods)
	name string
	expr reflect.Type // the method expression's type: receiver first
	typ  reflect.Type // the method's type without the receiver
	call func(recv reflect.Value, argv []reflect.Value) (reflect.Value, error)
}

type methodKey struct {
	recv reflect.Type
	name string
}

func newMethod[T any](name string, expr any, call func(recv reflect.Value, argv []reflect.Value) (reflect.Value, error)) *Method {
	recv := reflect.TypeFor[T]()
	m := &Method{recv: recv, name: name, expr: reflect.TypeOf(expr), call: call}
	if mm, ok := recv.MethodByName(name); ok {
		// A bound method's type, as reflect.Value.Method gives it.
		in := make([]reflect.Type, 0, mm.Type.NumIn()-1)
		for i := 1; i < mm.Type.NumIn(); i++ {
			in = append(in, mm.Type.In(i))
		}
		out := make([]reflect.Type, 0, mm.Type.NumOut())
		for i := 0; i < mm.Type.NumOut(); i++ {
			out = append(out, mm.Type.Out(i))
		}
		m.typ = reflect.FuncOf(in, out, mm.Type.IsVariadic())
	}
	return m
}

// Method0 is a method without arguments, from its method expression:
// Method0("HasCharts", (*Page).HasCharts).
func Method0[T, R any](name string, f func(T) R) *Method {
	return newMethod[T](name, f, func(recv reflect.Value, _ []reflect.Value) (reflect.Value, error) {
		return result(f(recv.Interface().(T))), nil
	})
}

// Method1 is a method with one argument.
func Method1[T, A, R any](name string, f func(T, A) R) *Method {
	return newMethod[T](name, f, func(recv reflect.Value, a []reflect.Value) (reflect.Value, error) {
		x, _ := iface(a[0]).(A)
		return result(f(recv.Interface().(T), x)), nil
	})
}

// Method1E is Method1 for a method that can fail.
func Method1E[T, A, R any](name string, f func(T, A) (R, error)) *Method {
	return newMethod[T](name, f, func(recv reflect.Value, a []reflect.Value) (reflect.Value, error) {
		x, _ := iface(a[0]).(A)
		r, err := f(recv.Interface().(T), x)
		return result(r), err
	})
}

// Method2E is a method with two arguments that can fail.
func Method2E[T, A, B, R any](name string, f func(T, A, B) (R, error)) *Method {
	return newMethod[T](name, f, func(recv reflect.Value, a []reflect.Value) (reflect.Value, error) {
		x, _ := iface(a[0]).(A)
		y, _ := iface(a[1]).(B)
		r, err := f(recv.Interface().(T), x, y)
		return result(r), err
	})
}

// sprint is fmt.Sprint; strings alone (which Sprint joins without spaces)
// are joined without boxing them.
func sprint(a []reflect.Value) (reflect.Value, error) {
	n := 0
	for _, v := range a {
		if !v.IsValid() || v.Type() != stringType {
			return reflect.ValueOf(fmt.Sprint(ifaces(a)...)), nil
		}
		n += v.Len()
	}
	var b strings.Builder
	b.Grow(n)
	for _, v := range a {
		b.WriteString(v.String())
	}
	return reflect.ValueOf(b.String()), nil
}

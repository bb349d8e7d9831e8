package htmlexec

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"
)

// function is a call of a builtin or of one of the set's functions.
func (c *compiler) function(name string, args []parse.Node) (command, error) {
	argv, err := c.arguments(args)
	if err != nil {
		return nil, err
	}
	if e, ok := escapers[name]; ok || name == jsValName {
		if len(args) > 0 {
			return nil, giveUp("arguments to %s", name)
		}
		return func(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
			var v reflect.Value
			if hasFinal {
				v = final
			}
			var str string
			var ok bool
			if e == nil {
				a, err := interfaceOf(v)
				if err != nil {
					return reflect.Value{}, err
				}
				str, ok = jsValEscaper(a)
			} else {
				s, t, err := stringOf(v)
				if err != nil {
					return reflect.Value{}, err
				}
				str, ok = e(s, t)
			}
			if !ok {
				return reflect.Value{}, giveUp("%s given %s", name, v)
			}
			return reflect.ValueOf(str), nil
		}, nil
	}
	f, ok := c.funcs[name]
	if !ok {
		// The set's functions come first, as in text/template.
		if b, ok := builtins[name]; ok {
			return func(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
				return b(s, dot, argv, final, hasFinal)
			}, nil
		}
		return nil, giveUp("function %s", name)
	}
	fn := reflect.ValueOf(f)
	if fn.Kind() != reflect.Func {
		return nil, giveUp("%s is not a function", name)
	}
	// The theme's functions of one string, called without reflection.
	switch f := f.(type) {
	case func(string) string:
		return oneString(argv, func(s string) reflect.Value { return reflect.ValueOf(f(s)) }, fn)
	case func(string) template.HTML:
		return oneString(argv, func(s string) reflect.Value { return reflect.ValueOf(f(s)) }, fn)
	}
	return func(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
		return call(s, dot, fn, argv, final, hasFinal)
	}, nil
}

// oneString calls f directly when its one string comes as an argument,
// else as any other function.
func oneString(argv []argument, f func(string) reflect.Value, fn reflect.Value) (command, error) {
	return func(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
		if len(argv) != 1 || hasFinal {
			return call(s, dot, fn, argv, final, hasFinal)
		}
		v, err := argv[0](s, dot, stringType)
		if err != nil {
			return v, err
		}
		return f(v.String()), nil
	}, nil
}

// call is text/template's evalCall of a function or method that is not a
// builtin.
func call(s *state, dot, fn reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	typ := fn.Type()
	numIn := len(args)
	if hasFinal {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			return reflect.Value{}, giveUp("too few arguments")
		}
	} else if numIn != typ.NumIn() {
		return reflect.Value{}, giveUp("wrong number of arguments")
	}
	switch {
	case typ.NumOut() == 1:
	case typ.NumOut() == 2 && typ.Out(1) == errorType:
	default:
		return reflect.Value{}, giveUp("function of %d results", typ.NumOut())
	}
	var buf [4]reflect.Value
	argv := buf[:0]
	if numIn > len(buf) {
		argv = make([]reflect.Value, 0, numIn)
	}
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		v, err := args[i](s, dot, typ.In(i))
		if err != nil {
			return v, err
		}
		argv = append(argv, v)
	}
	if typ.IsVariadic() {
		t := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			v, err := args[i](s, dot, t)
			if err != nil {
				return v, err
			}
			argv = append(argv, v)
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
		v, err := validateType(final, t)
		if err != nil {
			return v, err
		}
		argv = append(argv, v)
	}
	out := fn.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		return reflect.Value{}, giveUp("error calling: %v", out[1].Interface())
	}
	v := out[0]
	if v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v, nil
}

// A builtin is one of text/template's predefined functions. Its
// arguments are evaluated as text/template gives them to a parameter of
// type reflect.Value, or of type any for print and printf.
type builtin func(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error)

var builtins map[string]builtin

func init() {
	builtins = map[string]builtin{
		"and":    andOr(false),
		"or":     andOr(true),
		"not":    notFunc,
		"eq":     eqFunc,
		"ne":     neFunc,
		"len":    lenFunc,
		"index":  indexFunc,
		"slice":  sliceFunc,
		"print":  printFunc,
		"printf": printfFunc,
	}
}

// values evaluates a builtin's arguments, the command before last.
func values(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool, typ reflect.Type) ([]reflect.Value, error) {
	out := make([]reflect.Value, 0, len(args)+1)
	for _, a := range args {
		v, err := a(s, dot, typ)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if hasFinal {
		v, err := validateType(final, typ)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// andOr evaluates its arguments only as far as it needs.
func andOr(or bool) builtin {
	return func(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
		if len(args) == 0 && !hasFinal {
			return reflect.Value{}, giveUp("and/or of nothing")
		}
		var v reflect.Value
		for _, a := range args {
			var err error
			if v, err = a(s, dot, reflectValueType); err != nil {
				return v, err
			}
			if truth(v) == or {
				return v, nil
			}
		}
		if hasFinal {
			return validateType(final, reflectValueType)
		}
		return v, nil
	}
}

func notFunc(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(s, dot, args, final, hasFinal, reflectValueType)
	if err != nil || len(vs) != 1 {
		return reflect.Value{}, giveUp("not")
	}
	return reflect.ValueOf(!truth(vs[0])), nil
}

// basic is the class of a value's kind, for eq: the kinds it compares
// here; any other is left to text/template.
func basic(v reflect.Value) reflect.Kind {
	switch v.Kind() {
	case reflect.Bool:
		return reflect.Bool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return reflect.Int
	case reflect.String:
		return reflect.String
	}
	return reflect.Invalid
}

func equal(a, b reflect.Value) (bool, error) {
	a, b = indirectInterface(a), indirectInterface(b)
	k := basic(a)
	if k == reflect.Invalid || basic(b) != k {
		return false, giveUp("eq of %s and %s", a.Kind(), b.Kind())
	}
	switch k {
	case reflect.Bool:
		return a.Bool() == b.Bool(), nil
	case reflect.Int:
		return a.Int() == b.Int(), nil
	}
	return a.String() == b.String(), nil
}

func eqFunc(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(s, dot, args, final, hasFinal, reflectValueType)
	if err != nil || len(vs) < 2 {
		return reflect.Value{}, giveUp("eq")
	}
	for _, b := range vs[1:] {
		eq, err := equal(vs[0], b)
		if err != nil {
			return reflect.Value{}, err
		}
		if eq {
			return reflect.ValueOf(true), nil
		}
	}
	return reflect.ValueOf(false), nil
}

func neFunc(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(s, dot, args, final, hasFinal, reflectValueType)
	if err != nil || len(vs) != 2 {
		return reflect.Value{}, giveUp("ne")
	}
	eq, err := equal(vs[0], vs[1])
	return reflect.ValueOf(!eq), err
}

func lenFunc(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(s, dot, args, final, hasFinal, reflectValueType)
	if err != nil || len(vs) != 1 {
		return reflect.Value{}, giveUp("len")
	}
	v, isNil := indirectValue(vs[0])
	if isNil {
		return reflect.Value{}, giveUp("len of nil pointer")
	}
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return reflect.ValueOf(v.Len()), nil
	}
	return reflect.Value{}, giveUp("len of %s", v.Kind())
}

// intIndex is an index of an int kind within 0..n.
func intIndex(v reflect.Value, n int) (int, error) {
	v = indirectInterface(v)
	if basic(v) != reflect.Int {
		return 0, giveUp("index of kind %s", v.Kind())
	}
	x := v.Int()
	if x < 0 || x > int64(n) {
		return 0, giveUp("index out of range: %d", x)
	}
	return int(x), nil
}

func indexFunc(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(s, dot, args, final, hasFinal, reflectValueType)
	if err != nil || len(vs) < 1 {
		return reflect.Value{}, giveUp("index")
	}
	item := indirectInterface(vs[0])
	if !item.IsValid() {
		return reflect.Value{}, giveUp("index of untyped nil")
	}
	for _, x := range vs[1:] {
		var isNil bool
		if item, isNil = indirectValue(item); isNil {
			return reflect.Value{}, giveUp("index of nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			i, err := intIndex(x, item.Len())
			if err != nil {
				return reflect.Value{}, err
			}
			if i == item.Len() {
				return reflect.Value{}, giveUp("index out of range: %d", i)
			}
			item = item.Index(i)
		case reflect.Map:
			key := indirectInterface(x)
			if !key.IsValid() || !key.Type().AssignableTo(item.Type().Key()) {
				return reflect.Value{}, giveUp("map key")
			}
			if v := item.MapIndex(key); v.IsValid() {
				item = v
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			return reflect.Value{}, giveUp("can't index %s", item.Kind())
		}
	}
	return item, nil
}

func sliceFunc(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(s, dot, args, final, hasFinal, reflectValueType)
	if err != nil || len(vs) < 1 || len(vs) > 3 {
		return reflect.Value{}, giveUp("slice")
	}
	item, isNil := indirectValue(indirectInterface(vs[0]))
	if !item.IsValid() || isNil {
		return reflect.Value{}, giveUp("slice of nil")
	}
	var capacity int
	switch item.Kind() {
	case reflect.String:
		capacity = item.Len()
	case reflect.Array, reflect.Slice:
		capacity = item.Cap()
	default:
		return reflect.Value{}, giveUp("can't slice %s", item.Kind())
	}
	idx := [2]int{0, item.Len()}
	for i, x := range vs[1:] {
		if idx[i], err = intIndex(x, capacity); err != nil {
			return reflect.Value{}, err
		}
	}
	if idx[0] > idx[1] {
		return reflect.Value{}, giveUp("invalid slice index")
	}
	return item.Slice(idx[0], idx[1]), nil
}

// interfaces are a builtin's arguments as fmt is given them.
func interfaces(vs []reflect.Value) ([]any, error) {
	out := make([]any, len(vs))
	for i, v := range vs {
		var err error
		if out[i], err = interfaceOf(v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func printFunc(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(s, dot, args, final, hasFinal, emptyType)
	if err != nil {
		return reflect.Value{}, err
	}
	as, err := interfaces(vs)
	if err != nil {
		return reflect.Value{}, err
	}
	return reflect.ValueOf(fmt.Sprint(as...)), nil
}

func printfFunc(s *state, dot reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	if len(args) == 0 {
		return reflect.Value{}, giveUp("printf without a format")
	}
	format, err := args[0](s, dot, stringType)
	if err != nil {
		return format, err
	}
	vs, err := values(s, dot, args[1:], final, hasFinal, emptyType)
	if err != nil {
		return reflect.Value{}, err
	}
	as, err := interfaces(vs)
	if err != nil {
		return reflect.Value{}, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, format.String(), as...)
	return reflect.ValueOf(b.String()), nil
}

// Package htmlexec executes a template that html/template has escaped,
// as text/template would, without text/template's cost on every action:
// a field is found once for each type that reaches it, not by name on
// every page, and html/template's escapers are called directly, not
// through reflection. A theme's page took about 300 µs in text/template,
// most of it in those two.
//
// It executes what it knows exactly as text/template does and gives up,
// with ErrFallback, on anything else: a construct or function it does not
// know is found when the template is compiled; a value it does not
// handle, an error or a panic of a template function, while it executes.
// The caller then executes the page with html/template, which writes the
// same page or reports the error as it always did. Tests compare both on
// every page of the test sites.
package htmlexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// ErrFallback is returned when a page must be executed by html/template.
var ErrFallback = errors.New("htmlexec: left to html/template")

// fallback is ErrFallback with why, for tests and debugging.
type fallback struct{ why string }

func (f *fallback) Error() string        { return "htmlexec: left to html/template: " + f.why }
func (f *fallback) Is(target error) bool { return target == ErrFallback }

func giveUp(format string, args ...any) error {
	return &fallback{why: fmt.Sprintf(format, args...)}
}

// Program is one template of an escaped set, compiled.
type Program struct {
	root   *code
	states sync.Pool // of *state, for Execute
}

// code is one template's body; it is filled in after it is made, so that
// a template may call itself.
type code struct {
	run step
}

// Compile compiles template name of set, which html/template must already
// have escaped (by executing it once): its tree then holds the escapers.
// funcs are the functions the set was given. An error says the template
// cannot be compiled; html/template then executes it.
func Compile(set *template.Template, name string, funcs template.FuncMap) (*Program, error) {
	c := &compiler{set: set, funcs: funcs, codes: map[string]*code{}}
	root, err := c.template(name)
	if err != nil {
		return nil, err
	}
	return &Program{root: root}, nil
}

// Execute writes the template with data onto w. On any error it returns
// ErrFallback (or an error wrapping it) having written part of the page:
// the caller truncates w and executes html/template.
func (p *Program) Execute(w *bytes.Buffer, data any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = giveUp("panic: %v", r)
		}
	}()
	dot := reflect.ValueOf(data)
	s, _ := p.states.Get().(*state)
	if s == nil {
		s = &state{vars: make([]variable, 0, 16)}
	}
	*s = state{w: w, vars: append(s.vars[:0], variable{"$", dot})}
	err = p.root.run(s, dot)
	// The variables, as many as the page pushed, let go of its values
	// before the state waits for the next page.
	clear(s.vars[:cap(s.vars)])
	s.w = nil
	p.states.Put(s)
	return err
}

type state struct {
	w    *bytes.Buffer
	vars []variable
	// base is where the variables of the template executing start: a
	// template sees none of its caller's.
	base  int
	depth int
}

type variable struct {
	name  string
	value reflect.Value
}

func (s *state) mark() int { return len(s.vars) }

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

// variable is the innermost variable name of the template executing.
func (s *state) variable(name string) (*variable, error) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return &s.vars[i], nil
		}
	}
	return nil, giveUp("undefined variable %s", name)
}

func (s *state) setVar(name string, v reflect.Value) error {
	x, err := s.variable(name)
	if err == nil {
		x.value = v
	}
	return err
}

func (s *state) varValue(name string) (reflect.Value, error) {
	x, err := s.variable(name)
	if err != nil {
		return reflect.Value{}, err
	}
	return x.value, nil
}

// maxDepth is text/template's limit on nested template calls.
const maxDepth = 100000

type (
	// step writes a node.
	step func(s *state, dot reflect.Value) error
	// value evaluates a pipeline.
	value func(s *state, dot reflect.Value) (reflect.Value, error)
	// command evaluates one command of a pipeline, given the value of the
	// command before it (final) if there is one.
	command func(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error)
	// argument evaluates an argument for a parameter of type typ.
	argument func(s *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error)
)

type compiler struct {
	set   *template.Template
	funcs template.FuncMap
	codes map[string]*code
}

func (c *compiler) template(name string) (*code, error) {
	if k, ok := c.codes[name]; ok {
		return k, nil
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return nil, giveUp("no template %q", name)
	}
	k := &code{}
	c.codes[name] = k
	run, err := c.list(t.Tree.Root)
	if err != nil {
		return nil, err
	}
	k.run = run
	return k, nil
}

func (c *compiler) list(l *parse.ListNode) (step, error) {
	if l == nil {
		return func(*state, reflect.Value) error { return nil }, nil
	}
	var steps []step
	for _, n := range l.Nodes {
		st, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if st != nil {
			steps = append(steps, st)
		}
	}
	switch len(steps) {
	case 0:
		return func(*state, reflect.Value) error { return nil }, nil
	case 1:
		return steps[0], nil
	}
	return func(s *state, dot reflect.Value) error {
		for _, st := range steps {
			if err := st(s, dot); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func (c *compiler) node(n parse.Node) (step, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		text := slices.Clone(n.Text)
		return func(s *state, _ reflect.Value) error {
			s.w.Write(text)
			return nil
		}, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateNode(n)
	case *parse.ListNode:
		return c.list(n)
	}
	// A break or continue, not written here.
	return nil, giveUp("node %s", n)
}

// action prints a pipeline's value, or declares its variables. The
// escapers at its end are run on strings, and their string printed,
// without making a reflect.Value of each.
func (c *compiler) action(n *parse.ActionNode) (step, error) {
	if len(n.Pipe.Decl) > 0 {
		p, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) error {
			_, err := p(s, dot)
			return err
		}, nil
	}
	// The escapers at the end: names[0] may be jsValName, which is given
	// the value itself; the others are given strings, and the last one,
	// when it can, writes its string into the page.
	cmds := n.Pipe.Cmds
	var names []string
	for len(cmds) > 1 {
		last := cmds[len(cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok || len(last.Args) != 1 || escapers[id.Ident] == nil && id.Ident != jsValName {
			break
		}
		names = append([]string{id.Ident}, names...)
		cmds = cmds[:len(cmds)-1]
		if id.Ident == jsValName {
			break
		}
	}
	p, err := c.pipe(&parse.PipeNode{Cmds: cmds})
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return func(s *state, dot reflect.Value) error {
			v, err := p(s, dot)
			if err != nil {
				return err
			}
			if v.Kind() != reflect.String || v.Type() != stringType {
				return giveUp("printing %s unescaped", v.Type())
			}
			s.w.WriteString(v.String())
			return nil
		}, nil
	}
	js := names[0] == jsValName
	if js {
		names = names[1:]
	}
	var write func(*bytes.Buffer, string, content) bool
	if len(names) > 0 {
		if write = writers[names[len(names)-1]]; write != nil {
			names = names[:len(names)-1]
		}
	}
	esc := make([]escaper, len(names))
	for i, name := range names {
		if esc[i] = escapers[name]; esc[i] == nil {
			return nil, giveUp("%s after another escaper", name)
		}
	}
	return func(s *state, dot reflect.Value) error {
		v, err := p(s, dot)
		if err != nil {
			return err
		}
		var str string
		var t content
		if js {
			a, err := interfaceOf(v)
			if err != nil {
				return err
			}
			b, ok := jsVal(a)
			if !ok {
				return giveUp("%s given %T", jsValName, a)
			}
			if len(esc) == 0 && write == nil {
				// JSON-LD: the JSON is the page's as it is.
				s.w.Write(b)
				return nil
			}
			str = string(b)
		} else if str, t, err = stringOf(v); err != nil {
			return err
		}
		for _, e := range esc {
			var ok bool
			if str, ok = e(str, t); !ok {
				return giveUp("escaper given %s of type %d", v.Type(), t)
			}
			t = plain
		}
		if write == nil {
			s.w.WriteString(str)
		} else if !write(s.w, str, t) {
			return giveUp("escaper given %s of type %d", v.Type(), t)
		}
		return nil
	}, nil
}

func (c *compiler) ifOrWith(pipe *parse.PipeNode, list, elseList *parse.ListNode, with bool) (step, error) {
	p, err := c.pipe(pipe)
	if err != nil {
		return nil, err
	}
	then, err := c.list(list)
	if err != nil {
		return nil, err
	}
	var otherwise step
	if elseList != nil {
		if otherwise, err = c.list(elseList); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot reflect.Value) error {
		defer s.pop(s.mark())
		v, err := p(s, dot)
		if err != nil {
			return err
		}
		truth, ok := isTrue(indirectInterface(v))
		if !ok {
			return giveUp("if/with can't use %v", v)
		}
		switch {
		case truth && with:
			return then(s, v)
		case truth:
			return then(s, dot)
		case otherwise != nil:
			return otherwise(s, dot)
		}
		return nil
	}, nil
}

func (c *compiler) rangeNode(n *parse.RangeNode) (step, error) {
	p, err := c.pipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	body, err := c.list(n.List)
	if err != nil {
		return nil, err
	}
	var otherwise step
	if n.ElseList != nil {
		if otherwise, err = c.list(n.ElseList); err != nil {
			return nil, err
		}
	}
	names, assign := declared(n.Pipe), n.Pipe.IsAssign
	decl := len(names)
	one := func(s *state, mark int, index, elem reflect.Value) error {
		if decl > 0 {
			switch {
			case assign && decl > 1:
				if err := s.setVar(names[0], index); err != nil {
					return err
				}
			case assign:
				if err := s.setVar(names[0], elem); err != nil {
					return err
				}
			default:
				s.vars[len(s.vars)-1].value = elem
			}
		}
		if decl > 1 {
			if assign {
				if err := s.setVar(names[1], elem); err != nil {
					return err
				}
			} else {
				s.vars[len(s.vars)-2].value = index
			}
		}
		err := body(s, elem)
		s.pop(mark)
		return err
	}
	return func(s *state, dot reflect.Value) error {
		defer s.pop(s.mark())
		v, err := p(s, dot)
		if err != nil {
			return err
		}
		v, _ = indirectValue(v)
		mark := s.mark()
		switch v.Kind() {
		case reflect.Array, reflect.Slice:
			if v.Len() == 0 {
				break
			}
			for i := 0; i < v.Len(); i++ {
				if err := one(s, mark, reflect.ValueOf(i), v.Index(i)); err != nil {
					return err
				}
			}
			return nil
		case reflect.Map:
			if v.Len() == 0 {
				break
			}
			if v.Type().Key().Kind() != reflect.String {
				return giveUp("range over a map of %s", v.Type().Key())
			}
			keys := v.MapKeys()
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
			for _, k := range keys {
				if err := one(s, mark, k, v.MapIndex(k)); err != nil {
					return err
				}
			}
			return nil
		case reflect.Invalid:
		default:
			return giveUp("range over %s", v.Kind())
		}
		if otherwise != nil {
			return otherwise(s, dot)
		}
		return nil
	}, nil
}

func (c *compiler) templateNode(n *parse.TemplateNode) (step, error) {
	k, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	p, err := c.pipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) error {
		if s.depth == maxDepth {
			return giveUp("too deep")
		}
		// Variables the pipeline declares stay the caller's.
		dot, err := p(s, dot)
		if err != nil {
			return err
		}
		base, mark := s.base, s.mark()
		s.base = mark
		s.depth++
		s.vars = append(s.vars, variable{"$", dot})
		err = k.run(s, dot)
		s.pop(mark)
		s.base = base
		s.depth--
		return err
	}, nil
}

// declared are the names of the variables pipe declares or assigns.
func declared(pipe *parse.PipeNode) []string {
	var names []string
	for _, d := range pipe.Decl {
		names = append(names, d.Ident[0])
	}
	return names
}

func (c *compiler) pipe(pipe *parse.PipeNode) (value, error) {
	if pipe == nil {
		return func(*state, reflect.Value) (reflect.Value, error) { return reflect.Value{}, nil }, nil
	}
	cmds := make([]command, len(pipe.Cmds))
	for i, cmd := range pipe.Cmds {
		var err error
		if cmds[i], err = c.command(cmd); err != nil {
			return nil, err
		}
	}
	names, assign := declared(pipe), pipe.IsAssign
	return func(s *state, dot reflect.Value) (reflect.Value, error) {
		var v reflect.Value
		for i, cmd := range cmds {
			var err error
			if v, err = cmd(s, dot, v, i > 0); err != nil {
				return v, err
			}
			if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
				v = reflect.ValueOf(v.Interface())
			}
		}
		for _, name := range names {
			if assign {
				if err := s.setVar(name, v); err != nil {
					return v, err
				}
			} else {
				s.vars = append(s.vars, variable{name, v})
			}
		}
		return v, nil
	}, nil
}

func (c *compiler) command(cmd *parse.CommandNode) (command, error) {
	args := cmd.Args[1:]
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return c.fieldChain(nil, n.Ident, args)
	case *parse.VariableNode:
		if len(n.Ident) == 1 {
			if len(args) > 0 {
				return nil, giveUp("arguments to a variable")
			}
			name := n.Ident[0]
			return notAFunction(func(s *state, _ reflect.Value) (reflect.Value, error) { return s.varValue(name) }), nil
		}
		name := n.Ident[0]
		return c.fieldChain(func(s *state, _ reflect.Value) (reflect.Value, error) { return s.varValue(name) }, n.Ident[1:], args)
	case *parse.ChainNode:
		pipe, ok := n.Node.(*parse.PipeNode)
		if !ok {
			return nil, giveUp("chain on %s", n.Node)
		}
		p, err := c.pipe(pipe)
		if err != nil {
			return nil, err
		}
		return c.fieldChain(p, n.Field, args)
	case *parse.IdentifierNode:
		return c.function(n.Ident, args)
	case *parse.PipeNode:
		if len(args) > 0 {
			return nil, giveUp("arguments to a pipeline")
		}
		p, err := c.pipe(n)
		if err != nil {
			return nil, err
		}
		return notAFunction(p), nil
	}
	if len(args) > 0 {
		return nil, giveUp("arguments to %s", cmd.Args[0])
	}
	lit, err := c.literal(cmd.Args[0])
	if err != nil {
		return nil, err
	}
	return notAFunction(lit), nil
}

// notAFunction is a command of v, which is not a function: the value of
// the command before cannot be given to it.
func notAFunction(v value) command {
	return func(s *state, dot, _ reflect.Value, hasFinal bool) (reflect.Value, error) {
		if hasFinal {
			return reflect.Value{}, giveUp("an argument to what is not a function")
		}
		return v(s, dot)
	}
}

// literal is a constant or dot, as text/template evaluates it where it is
// not an argument of a known type.
func (c *compiler) literal(n parse.Node) (value, error) {
	var v reflect.Value
	switch n := n.(type) {
	case *parse.DotNode:
		return func(_ *state, dot reflect.Value) (reflect.Value, error) { return dot, nil }, nil
	case *parse.BoolNode:
		v = reflect.ValueOf(n.True)
	case *parse.StringNode:
		v = reflect.ValueOf(n.Text)
	case *parse.NumberNode:
		if !n.IsInt || n.IsFloat && strings.ContainsAny(n.Text, ".eEpP") || int64(int(n.Int64)) != n.Int64 {
			return nil, giveUp("number %s", n.Text)
		}
		v = reflect.ValueOf(int(n.Int64))
	default:
		return nil, giveUp("%s", n)
	}
	return func(*state, reflect.Value) (reflect.Value, error) { return v, nil }, nil
}

// fieldChain reads .A.B.C from the receiver (dot when receiver is nil);
// the last may be a method given args and the command before.
func (c *compiler) fieldChain(receiver value, idents []string, args []parse.Node) (command, error) {
	fields := make([]*field, len(idents))
	for i, name := range idents {
		fields[i] = &field{name: name}
	}
	argv, err := c.arguments(args)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
		v := dot
		if receiver != nil {
			var err error
			if v, err = receiver(s, dot); err != nil {
				return v, err
			}
		}
		last := len(fields) - 1
		for _, f := range fields[:last] {
			var err error
			if v, err = f.get(s, dot, v, nil, reflect.Value{}, false); err != nil {
				return v, err
			}
		}
		return fields[last].get(s, dot, v, argv, final, hasFinal)
	}, nil
}

func (c *compiler) arguments(args []parse.Node) ([]argument, error) {
	argv := make([]argument, len(args))
	for i, a := range args {
		var err error
		if argv[i], err = c.argument(a); err != nil {
			return nil, err
		}
	}
	return argv, nil
}

// argument is text/template's evalArg for node n.
func (c *compiler) argument(n parse.Node) (argument, error) {
	var eval value
	switch n := n.(type) {
	case *parse.DotNode:
		eval = func(_ *state, dot reflect.Value) (reflect.Value, error) { return dot, nil }
	case *parse.NilNode:
		return func(_ *state, _ reflect.Value, typ reflect.Type) (reflect.Value, error) {
			if !canBeNil(typ) {
				return reflect.Value{}, giveUp("nil for %s", typ)
			}
			return reflect.Zero(typ), nil
		}, nil
	case *parse.FieldNode, *parse.VariableNode, *parse.ChainNode, *parse.IdentifierNode:
		cmd, err := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
		if err != nil {
			return nil, err
		}
		eval = func(s *state, dot reflect.Value) (reflect.Value, error) { return cmd(s, dot, reflect.Value{}, false) }
	case *parse.PipeNode:
		p, err := c.pipe(n)
		if err != nil {
			return nil, err
		}
		eval = p
	}
	if eval != nil {
		return func(s *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error) {
			v, err := eval(s, dot)
			if err != nil {
				return v, err
			}
			return validateType(v, typ)
		}, nil
	}
	// A constant: of the parameter's type, or as an ideal constant where
	// the parameter is an interface or a reflect.Value.
	ideal, err := c.literal(n)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error) {
		v, _ := ideal(s, dot)
		switch {
		case typ == reflectValueType:
			return v, nil
		case typ.Kind() == reflect.Interface && typ.NumMethod() == 0:
			return v, nil
		case v.Kind() == typ.Kind() && (typ.Kind() == reflect.String || typ.Kind() == reflect.Bool || typ.Kind() == reflect.Int):
			return v.Convert(typ), nil
		}
		return reflect.Value{}, giveUp("constant %s for %s", n, typ)
	}, nil
}

var (
	stringType       = reflect.TypeFor[string]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
	emptyType        = reflect.TypeFor[any]()
)

// validateType is text/template's: value made fit for a parameter of
// type typ, or given up on. For typ reflect.Value (the builtins'), the
// value itself, as text/template unwraps it again.
func validateType(v reflect.Value, typ reflect.Type) (reflect.Value, error) {
	if !v.IsValid() {
		if typ == nil || typ == reflectValueType {
			return v, nil
		}
		if canBeNil(typ) {
			return reflect.Zero(typ), nil
		}
		return v, giveUp("invalid value for %s", typ)
	}
	if typ == nil || typ == reflectValueType || v.Type().AssignableTo(typ) {
		return v, nil
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		if e := v.Elem(); e.Type().AssignableTo(typ) {
			return e, nil
		}
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ):
		if v.IsNil() {
			return v, giveUp("nil pointer")
		}
		return v.Elem(), nil
	case reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr():
		return v.Addr(), nil
	}
	return v, giveUp("%s for %s", v.Type(), typ)
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

// indirectValue is text/template's indirect: through pointers and
// interfaces to a value, or to the nil one.
func indirectValue(v reflect.Value) (reflect.Value, bool) {
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

func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

// field is one name of a field chain: a method, a struct's field or a
// map's key, found once for each type it is read from.
type field struct {
	name  string
	found atomic.Pointer[found]
}

type found struct {
	typ    reflect.Type
	addr   bool  // the receiver was addressable: *T's methods count
	method int   // the method's index, or -1
	html   bool  // the method takes nothing, gives template.HTML and is one of HTMLMethods
	index  []int // the struct field's, when not a method
	key    reflect.Value
}

// HTMLMethods is a type that gives the HTML of its methods that take
// nothing by name, as the methods would, without reflection: called
// through reflect.Value.Call such a method cost 390 ns and three
// allocations more than a field, each time a listing showed an entry's
// card. ok is false
// for a name it does not answer, which is then called as any method.
type HTMLMethods interface {
	HTMLMethod(name string) (html template.HTML, ok bool)
}

var htmlMethods = reflect.TypeFor[HTMLMethods]()

func (f *field) get(s *state, dot, receiver reflect.Value, args []argument, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	if !receiver.IsValid() {
		// text/template: nil data has every field, empty.
		return reflect.Value{}, nil
	}
	v, isNil := indirectValue(receiver)
	if isNil {
		return reflect.Value{}, giveUp("nil pointer evaluating %s", f.name)
	}
	addr := v.CanAddr()
	fd := f.found.Load()
	if fd == nil || fd.typ != v.Type() || fd.addr != addr {
		fd = f.find(v, addr)
		f.found.Store(fd)
	}
	hasArgs := len(args) > 0 || hasFinal
	switch {
	case fd.method >= 0:
		ptr := v
		if addr {
			ptr = v.Addr()
		}
		if fd.html && !hasArgs {
			if html, ok := ptr.Interface().(HTMLMethods).HTMLMethod(f.name); ok {
				return reflect.ValueOf(&html).Elem(), nil
			}
		}
		return call(s, dot, ptr.Method(fd.method), args, final, hasFinal)
	case fd.index != nil:
		if hasArgs {
			return reflect.Value{}, giveUp("arguments to field %s", f.name)
		}
		out, err := v.FieldByIndexErr(fd.index)
		if err != nil {
			return reflect.Value{}, giveUp("%v", err)
		}
		return out, nil
	case fd.key.IsValid():
		if hasArgs {
			return reflect.Value{}, giveUp("arguments to key %s", f.name)
		}
		// A missing key is the invalid value (missingkey=default).
		return v.MapIndex(fd.key), nil
	}
	return reflect.Value{}, giveUp("can't evaluate field %s in type %s", f.name, v.Type())
}

func (f *field) find(v reflect.Value, addr bool) *found {
	fd := &found{typ: v.Type(), addr: addr, method: -1}
	ptr := v.Type()
	if addr {
		ptr = reflect.PointerTo(ptr)
	}
	if m, ok := ptr.MethodByName(f.name); ok {
		fd.method = m.Index
		fd.html = m.Type.NumIn() == 1 && m.Type.NumOut() == 1 && m.Type.Out(0) == htmlType && ptr.Implements(htmlMethods)
		return fd
	}
	switch v.Kind() {
	case reflect.Struct:
		if sf, ok := v.Type().FieldByName(f.name); ok && sf.IsExported() {
			fd.index = sf.Index
		}
	case reflect.Map:
		if key := reflect.ValueOf(f.name); key.Type().AssignableTo(v.Type().Key()) {
			fd.key = key
		}
	}
	return fd
}

package front

// Kind is the shape of a Node.
type Kind int

const (
	Null Kind = iota
	Scalar
	Map
	List
)

func (k Kind) String() string {
	return [...]string{"nothing", "a single value", "a mapping", "a list"}[k]
}

// Node is a frontmatter value with its position in the file. Scalars keep
// the text as written: YAML reads 2022 as a number and 2022-02-24 as a
// timestamp, but a Date is parsed from what the editor typed.
type Node struct {
	Kind      Kind
	Line, Col int
	// Text is a scalar's text as written.
	Text string
	// Quoted reports a scalar written as a string literal; Type is the
	// scalar's type as the language reads it: "str", "int", "float",
	// "bool", "timestamp".
	Quoted bool
	Type   string
	Keys   []Key   // Map entries in file order
	Items  []*Node // List items
}

// Key is one entry of a Map.
type Key struct {
	Name      string
	Line, Col int
	Value     *Node
	// Bare reports a key written alone in a flow mapping, with neither a
	// colon nor a value: {name: Washington, D.C.} reads "D.C." so, the
	// rest of a value cut at an unquoted comma.
	Bare bool
}

// Get returns the value of key name in a Map node, or nil.
func (n *Node) Get(name string) *Node {
	if n == nil {
		return nil
	}
	for _, k := range n.Keys {
		if k.Name == name {
			return k.Value
		}
	}
	return nil
}

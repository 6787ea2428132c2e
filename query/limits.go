package query

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/graphql-go/graphql/language/ast"
)

// Limits protect the server from hostile or careless queries. graphql-go
// has no depth or complexity limits of its own (graphql-go/graphql#231), so
// the handler checks the parsed document before validating or executing it.
type Limits struct {
	MaxDepth      int           // nesting of fields
	MaxFields     int           // fields in the document, aliases and fragment uses counted
	MaxComplexity int           // fields weighted by the page sizes above them
	MaxFirst      int           // largest first/maxNodes argument
	Timeout       time.Duration // per request
	MaxBodyBytes  int64         // request body
	// MaxIngestArticles bounds one ingestArticles mutation.
	MaxIngestArticles int
}

// DefaultLimits suit an analyst dashboard.
func DefaultLimits() Limits {
	return Limits{
		MaxDepth:          12,
		MaxFields:         500,
		MaxComplexity:     50000,
		MaxFirst:          500,
		Timeout:           15 * time.Second,
		MaxBodyBytes:      1 << 20,
		MaxIngestArticles: 100,
	}
}

// listDefault is the weight of a list field without a first argument.
const listDefault = 10

// checkDocument enforces depth, field count and complexity on every
// operation of the document (validation checks them all, so all of them
// must be bounded), following fragments. It runs before validation, whose
// cost grows with the square of the fields (the overlapping-fields rule).
// Fragment spreads count as fields, so a tree of fragments cannot make the
// walk itself explode.
func (l Limits) checkDocument(doc *ast.Document, vars map[string]interface{}) error {
	fragments := map[string]*ast.FragmentDefinition{}
	var ops []*ast.OperationDefinition
	for _, d := range doc.Definitions {
		switch d := d.(type) {
		case *ast.FragmentDefinition:
			fragments[d.Name.Value] = d
		case *ast.OperationDefinition:
			ops = append(ops, d)
		}
	}
	// graphql-go's validator recurses without end on a fragment that
	// spreads itself, even one no operation uses, before its own cycle
	// rule runs; refuse cycles first.
	if err := fragmentCycle(fragments); err != nil {
		return err
	}
	w := &walker{limits: l, fragments: fragments}
	for _, op := range ops {
		// A variable's value is what the request gives, else its default.
		w.vars = map[string]interface{}{}
		for _, vd := range op.VariableDefinitions {
			if vd.Variable == nil || vd.Variable.Name == nil {
				continue
			}
			name := vd.Variable.Name.Value
			// graphql-go's parser accepts "$n:" without a type, and its
			// validator then dereferences the missing type.
			if !completeType(vd.Type) {
				return fmt.Errorf("variable $%s has no type", name)
			}
			if v, ok := vars[name]; ok {
				w.vars[name] = v
			} else if iv, ok := vd.DefaultValue.(*ast.IntValue); ok {
				if n, err := strconv.Atoi(iv.Value); err == nil {
					w.vars[name] = n
				}
			}
		}
		if err := w.walk(op.SelectionSet, 1, 1); err != nil {
			return err
		}
	}
	return nil
}

type walker struct {
	limits     Limits
	fragments  map[string]*ast.FragmentDefinition
	vars       map[string]interface{}
	fields     int
	complexity int
}

func (w *walker) walk(set *ast.SelectionSet, depth, weight int) error {
	if set == nil {
		return nil
	}
	if depth > w.limits.MaxDepth {
		return fmt.Errorf("query is nested deeper than %d levels", w.limits.MaxDepth)
	}
	for _, sel := range set.Selections {
		switch s := sel.(type) {
		case *ast.Field:
			w.fields++
			if w.fields > w.limits.MaxFields {
				return fmt.Errorf("query has more than %d fields (aliases and fragment uses count)", w.limits.MaxFields)
			}
			w.complexity += weight
			if w.complexity > w.limits.MaxComplexity {
				return fmt.Errorf("query complexity exceeds %d: ask for smaller pages or fewer nested lists", w.limits.MaxComplexity)
			}
			m, err := w.multiplier(s)
			if err != nil {
				return err
			}
			child := weight
			if s.SelectionSet != nil {
				child = weight * m
			}
			if err := w.walk(s.SelectionSet, depth+1, child); err != nil {
				return err
			}
		case *ast.InlineFragment:
			if err := w.walk(s.SelectionSet, depth, weight); err != nil {
				return err
			}
		case *ast.FragmentSpread:
			w.fields++
			if w.fields > w.limits.MaxFields {
				return fmt.Errorf("query has more than %d fields (aliases and fragment uses count)", w.limits.MaxFields)
			}
			f, ok := w.fragments[s.Name.Value]
			if !ok {
				continue // validation reports it
			}
			// Depth grows with each spread, so fragment cycles end at MaxDepth.
			if err := w.walk(f.SelectionSet, depth+1, weight); err != nil {
				return err
			}
		}
	}
	return nil
}

// multiplier estimates how many items a field returns: its first or
// maxNodes argument when it has one, else a fixed guess for lists.
// A page size over MaxFirst is refused here, before anything runs.
func (w *walker) multiplier(f *ast.Field) (int, error) {
	for _, a := range f.Arguments {
		switch a.Name.Value {
		case "first", "maxNodes":
			n, ok := w.intValue(a.Value)
			if !ok {
				continue
			}
			if n < 1 || n > w.limits.MaxFirst {
				return 0, fmt.Errorf("%s must be between 1 and %d, got %d", a.Name.Value, w.limits.MaxFirst, n)
			}
			return n, nil
		}
	}
	switch f.Name.Value {
	case "edges", "nodes", "mentions", "articles", "links", "actors", "byRoot", "timeline", "supporters", "opponents", "evidence", "eventTypes":
		return listDefault, nil
	}
	return 1, nil
}

func (w *walker) intValue(v ast.Value) (int, bool) {
	switch v := v.(type) {
	case *ast.IntValue:
		n, err := strconv.Atoi(v.Value)
		return n, err == nil
	case *ast.Variable:
		switch n := w.vars[v.Name.Value].(type) {
		case float64:
			return int(n), true
		case int:
			return n, true
		}
	}
	return 0, false
}

// completeType reports whether a variable's type names a type at every
// level (lists and non-null wrappers included).
func completeType(t ast.Type) bool {
	switch t := t.(type) {
	case *ast.Named:
		return t != nil && t.Name != nil && t.Name.Value != ""
	case *ast.List:
		return t != nil && completeType(t.Type)
	case *ast.NonNull:
		return t != nil && completeType(t.Type)
	}
	return false
}

// fragmentCycle reports a fragment that spreads itself, directly or
// through others.
func fragmentCycle(fragments map[string]*ast.FragmentDefinition) error {
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[string]int{}
	var visit func(name string, path []string) error
	visit = func(name string, path []string) error {
		switch state[name] {
		case visiting:
			return fmt.Errorf("fragment %s spreads itself (%s)", name, strings.Join(append(path, name), " → "))
		case done:
			return nil
		}
		f, ok := fragments[name]
		if !ok {
			return nil // validation reports unknown fragments
		}
		state[name] = visiting
		for _, spread := range spreads(f.SelectionSet, nil) {
			if err := visit(spread, append(path, name)); err != nil {
				return err
			}
		}
		state[name] = done
		return nil
	}
	names := make([]string, 0, len(fragments))
	for name := range fragments {
		names = append(names, name)
	}
	sort.Strings(names) // the same error for the same document
	for _, name := range names {
		if err := visit(name, nil); err != nil {
			return err
		}
	}
	return nil
}

// spreads appends the names of the fragments a selection set spreads, in
// fields and inline fragments at any depth, without following spreads.
func spreads(set *ast.SelectionSet, out []string) []string {
	if set == nil {
		return out
	}
	for _, sel := range set.Selections {
		switch s := sel.(type) {
		case *ast.Field:
			out = spreads(s.SelectionSet, out)
		case *ast.InlineFragment:
			out = spreads(s.SelectionSet, out)
		case *ast.FragmentSpread:
			if s.Name != nil {
				out = append(out, s.Name.Value)
			}
		}
	}
	return out
}

package query

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
)

// PrintSDL renders a schema in GraphQL schema definition language, with
// descriptions. graphql-go v0.8.1 has no printer of its own.
func PrintSDL(s graphql.Schema) string {
	var b strings.Builder
	b.WriteString("schema {\n  query: Query\n")
	if s.MutationType() != nil {
		b.WriteString("  mutation: Mutation\n")
	}
	b.WriteString("}\n")
	names := make([]string, 0, len(s.TypeMap()))
	for name := range s.TypeMap() {
		if strings.HasPrefix(name, "__") {
			continue
		}
		switch name {
		case "String", "Int", "Float", "Boolean", "ID":
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b.WriteString("\n")
		switch t := s.TypeMap()[name].(type) {
		case *graphql.Object:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "type %s {\n", t.Name())
			for _, fname := range sortedKeys(t.Fields()) {
				f := t.Fields()[fname]
				description(&b, "  ", f.Description)
				fmt.Fprintf(&b, "  %s%s: %s\n", f.Name, printArgs(f.Args), f.Type.String())
			}
			b.WriteString("}\n")
		case *graphql.InputObject:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "input %s {\n", t.Name())
			for _, fname := range sortedKeys(t.Fields()) {
				f := t.Fields()[fname]
				description(&b, "  ", f.Description())
				fmt.Fprintf(&b, "  %s: %s\n", f.Name(), f.Type.String())
			}
			b.WriteString("}\n")
		case *graphql.Enum:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "enum %s {\n", t.Name())
			for _, v := range t.Values() {
				description(&b, "  ", v.Description)
				fmt.Fprintf(&b, "  %s\n", v.Name)
			}
			b.WriteString("}\n")
		case *graphql.Scalar:
			description(&b, "", t.Description())
			fmt.Fprintf(&b, "scalar %s\n", t.Name())
		}
	}
	return b.String()
}

func printArgs(args []*graphql.Argument) string {
	if len(args) == 0 {
		return ""
	}
	// graphql-go keeps arguments in a map: sort them so the SDL is stable.
	args = append([]*graphql.Argument(nil), args...)
	sort.Slice(args, func(i, j int) bool { return args[i].Name() < args[j].Name() })
	parts := make([]string, len(args))
	for i, a := range args {
		p := a.Name() + ": " + a.Type.String()
		switch v := a.DefaultValue.(type) {
		case nil:
		case string:
			if _, isEnum := a.Type.(*graphql.Enum); isEnum {
				p += " = " + v
			} else {
				p += " = " + strconv.Quote(v)
			}
		default:
			p += fmt.Sprintf(" = %v", v)
		}
		parts[i] = p
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func description(b *strings.Builder, indent, d string) {
	if d == "" {
		return
	}
	fmt.Fprintf(b, "%s\"\"\"%s\"\"\"\n", indent, strings.ReplaceAll(d, `"""`, `\"""`))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

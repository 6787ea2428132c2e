package dgraph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/dgraph-io/dgo/v230"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// query builds a DQL query whose user-supplied values are all passed as
// GraphQL variables, never spliced into the query text.
type query struct {
	decls []string
	vars  map[string]string
}

func newQuery() *query { return &query{vars: map[string]string{}} }

// str declares a string variable holding v and returns its name.
func (q *query) str(v string) string {
	name := "$v" + strconv.Itoa(len(q.decls))
	q.decls = append(q.decls, name+": string")
	q.vars[name] = v
	return name
}

// int declares an int variable holding v and returns its name.
func (q *query) int(v int) string {
	name := "$v" + strconv.Itoa(len(q.decls))
	q.decls = append(q.decls, name+": int")
	q.vars[name] = strconv.Itoa(v)
	return name
}

// date declares a datetime value as a string variable.
func (q *query) date(t time.Time) string { return q.str(t.UTC().Format(time.RFC3339Nano)) }

// list declares one string variable per value and returns "[$a, $b]".
func (q *query) list(vs []string) string {
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = q.str(v)
	}
	return "[" + strings.Join(names, ", ") + "]"
}

// text wraps the blocks in a named query with the variable declarations.
func (q *query) text(blocks string) string {
	if len(q.decls) == 0 {
		return "{\n" + blocks + "}\n"
	}
	return "query q(" + strings.Join(q.decls, ", ") + ") {\n" + blocks + "}\n"
}

// run runs the query in a read-only transaction and decodes its JSON into
// out. Not BestEffort: a best-effort read may be served at a timestamp
// older than the caller's last commit, and readers expect to see their
// own writes.
func (s *Store) run(ctx context.Context, q *query, blocks string, out any) error {
	txn := s.dg.NewReadOnlyTxn()
	defer txn.Discard(ctx)
	return runIn(ctx, txn, q, blocks, out)
}

// runIn runs the query in txn: the queries of one transaction read one
// snapshot.
func runIn(ctx context.Context, txn *dgo.Txn, q *query, blocks string, out any) error {
	resp, err := txn.QueryWithVars(ctx, q.text(blocks), q.vars)
	if err != nil {
		return withCtx(ctx, err)
	}
	if err := json.Unmarshal(resp.Json, out); err != nil {
		return fmt.Errorf("decode response: %w", err)
	}
	return nil
}

// containsRegexp returns a DQL regexp literal matching text anywhere,
// case-insensitively. The pattern contains no '/', which the DQL parser
// would treat specially: it is written as \x2f.
func containsRegexp(text string) string {
	return "/" + strings.ReplaceAll(regexp.QuoteMeta(text), "/", `\x2f`) + "/i"
}

// nquads writes N-Quads for a mutation.
type nquads struct{ strings.Builder }

// str adds <subj> <pred> "value" .
func (w *nquads) str(subj, pred, v string) {
	w.WriteString(subj)
	w.WriteString(" <")
	w.WriteString(pred)
	w.WriteString("> ")
	writeLiteral(&w.Builder, v)
	w.WriteString(" .\n")
}

// ref adds <subj> <pred> obj . for a node reference (uid or blank node).
func (w *nquads) ref(subj, pred, obj string) {
	w.WriteString(subj)
	w.WriteString(" <")
	w.WriteString(pred)
	w.WriteString("> ")
	w.WriteString(obj)
	w.WriteString(" .\n")
}

func (w *nquads) int(subj, pred string, v int) { w.str(subj, pred, strconv.Itoa(v)) }

func (w *nquads) float(subj, pred string, v float64) {
	w.str(subj, pred, strconv.FormatFloat(v, 'g', -1, 64))
}

// writeLiteral writes s as an N-Quad string literal. Dgraph's lexer
// accepts \" \\ \n \r \t and \uXXXX escapes and unquotes with
// strconv.Unquote, so only those are used; s is valid UTF-8 (Prepare
// checks it).
func writeLiteral(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError && size == 1:
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
}

// withCtx makes an error caused by a cancelled or expired context match
// context.Canceled or context.DeadlineExceeded with errors.Is; gRPC reports
// those as status errors.
func withCtx(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}

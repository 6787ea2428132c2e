package query

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/schema/storetest"
	"github.com/dyadgraph/dyad/sqlite"
)

// fuzzLimits are small so hostile documents hit them with short inputs.
// MaxFirst stays at 200, the largest default page size in the schema
// (network's maxNodes), so queries without first can succeed.
var fuzzLimits = Limits{
	MaxDepth:          8,
	MaxFields:         60,
	MaxComplexity:     2000,
	MaxFirst:          200,
	Timeout:           time.Second,
	MaxBodyBytes:      64 << 10,
	MaxIngestArticles: 2,
}

// fuzzRequestBound is the longest one request may take, refusal or answer.
const fuzzRequestBound = 2 * time.Second

// fuzzQueries are valid queries over the fixture, within fuzzLimits.
var fuzzQueries = []string{
	`{ actor(code: "RUSGOV") { code name country countryName sector sectorName asSource asTarget } unknown: actor(code: "XXXGOV") { code } }`,
	`{ actors(search: "syr", first: 5) { code name asSource asTarget } }`,
	`{ events(filter: {sources: ["RUS*"], targets: ["SYR*"]}, first: 2) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
		edges { cursor node { id source { code name } target { code } code rootCode quadClass goldstein eventType { name } date
		place { name country lat lon } numMentions numOutlets sentence evidence reportedBy { code } articles { id outlet } } } } }`,
	`{ events(filter: {actors: ["SYRGOV"], quadClasses: [1, 2], from: "2015-10-02", country: "SYR"}) { totalCount edges { node { code date place { name } } } } }`,
	`{ relations(source: "RUS*", target: "SYR*") { forward { source target events goldsteinSum goldsteinMean first last byRoot { root name events } } backward { events } } }`,
	`{ supporters(of: "SYRGOV") { actor { code } score events evidence(first: 1) { code date } } opponents(of: "SYRGOV") { actor { code } score } }`,
	`{ timeline(source: "RUS*", target: "SYR*", from: "2015-09-01", to: "2016-02-01", bucket: MONTH) { start events goldsteinSum } }`,
	`{ network(actor: "SYRGOV", hops: 2) { nodes { actor { code } hops } edges { source { code } target { code } events sign } } }`,
	`{ path(from: "UKRGOV", to: "IGOUNO") { hops actors { code } links { from { code } to { code } events { code date } } } none: path(from: "JPNGOV", to: "RUSGOV") { hops } }`,
	`{ article(id: "ap-1") { id url title outlet published language } missing: article(id: "nope") { id } }`,
	`{ stats { articles events mentions actors places } }`,
	`{ eventTypes(prefix: "19") { code name goldstein quadClass rootCode } }`,
	`{ __typename __schema { queryType { name } types { name } } }`,
	`{ stats { ...S } } fragment S on Stats { events ... on Stats { actors } }`,
	`query Q($skip: Boolean!) { stats { events @skip(if: $skip) actors @include(if: true) } }`,
}

// fuzzServer is a Server over an in-memory SQLite store with the fixture.
func fuzzServer(f *testing.F) *Server {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	for i, b := range storetest.FixtureBatches() {
		if _, err := st.Write(ctx, b); err != nil {
			f.Fatalf("fixture batch %d: %v", i, err)
		}
	}
	srv, err := New(Config{Store: st, Limits: fuzzLimits})
	if err != nil {
		f.Fatal(err)
	}
	return srv
}

// FuzzGraphQLRequest POSTs arbitrary bodies to /graphql: as a JSON
// request, or (raw) as an application/graphql query. Whatever the body,
// the server must answer within fuzzRequestBound with a JSON GraphQL
// response and a status of 200, 400, 405 or 413, and never panic.
// Seeds live in testdata/fuzz/FuzzGraphQLRequest.
func FuzzGraphQLRequest(f *testing.F) {
	js := func(v interface{}) []byte {
		b, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		return b
	}
	q := func(query string, vars interface{}) []byte {
		return js(map[string]interface{}{"query": query, "variables": vars})
	}
	for _, s := range fuzzQueries {
		f.Add(q(s, nil), false)
		f.Add([]byte(s), true)
	}
	deep := strings.Repeat(`actor(code: "RUSGOV") { events { edges { node { source { `, 10) + "code" + strings.Repeat(" } } } } }", 10)
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&aliases, " a%d: stats { events }", i)
	}
	aliases.WriteString(" }")
	for _, s := range []string{
		"{ " + deep + " }",
		strings.Repeat("{ stats ", 40) + strings.Repeat("}", 40),
		aliases.String(),
		`{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
		`{ ...A } fragment A on Query { ...A ...A ...A stats { events } }`,
		`{ ...Missing }`,
		`{ events(first: 1000000) { edges { node { id } } } }`,
		`{ events(first: 201) { totalCount } }`,
		`{ events(first: 0) { totalCount } }`,
		`{ events(first: -1) { totalCount } }`,
		`{ events(first: 99999999999999999999) { totalCount } }`,
		`{ actors(search: "", first: 200) { events(first: 200) { edges { node { mentions { article { id } } } } } } }`,
		`{ network(actor: "SYRGOV", hops: 9, maxNodes: 100000) { nodes { hops } } }`,
		`{ path(from: "RUSGOV", to: "SYRGOV", maxHops: 60) { hops } }`,
		`{ events(after: "bogus", filter: {sources: ["RU S"], quadClasses: [5], from: "yesterday"}) { totalCount } }`,
		`{ events(filter: {from: "2016-01-01", to: "2015-01-01"}) { totalCount } }`,
		`{ timeline(bucket: MONTH) { start } }`,
		`{ nosuchfield }`,
		`{ events { `,
		`mutation { ingestArticles(articles: [{url: "https://x.example/1", published: "2015-10-01", text: "Russia attacked rebels."}]) { articles coded newEvents skipped } }`,
		`subscription { stats { events } }`,
		`query A { stats { events } } query B { stats { actors } }`,
		`{ actor(code: "\u0000\uffff") { code } }`,
		"",
		"   ",
		"#",
	} {
		f.Add(q(s, nil), false)
		f.Add([]byte(s), true)
	}
	const first = `query($n: Int, $after: String) { events(first: $n, after: $after) { totalCount edges { node { id } } } }`
	for _, v := range []interface{}{
		map[string]interface{}{"n": 4, "after": ""},
		map[string]interface{}{"n": "ten"},
		map[string]interface{}{"n": 2.5},
		map[string]interface{}{"n": 1e300},
		map[string]interface{}{"n": -1e300},
		map[string]interface{}{"n": []int{1}},
		map[string]interface{}{"n": map[string]int{"a": 1}},
		map[string]interface{}{"n": nil, "after": 7},
		map[string]interface{}{"n": true, "extra": "x"},
		"not an object",
		[]int{1, 2},
	} {
		f.Add(q(first, v), false)
	}
	for _, s := range []string{
		`{"query": "query A { stats { events } } query B { stats { actors } }", "operationName": "B"}`,
		`{"query": "query A { stats { events } }", "operationName": "Nope"}`,
		`{"query": "query A { stats { events } }", "operationName": 5}`,
		`{"query": 5}`,
		`{"query": null, "variables": null}`,
		`{"query": "{ stats { events } }"`,
		`{"query": "{ stats { events } }"} trailing`,
		`[{"query": "{ stats { events } }"}]`,
		`null`,
		`"{ stats { events } }"`,
		`{"query": "{ stats { events } }", "query": "{ nosuchfield }"}`,
		`{"query": "{ stats { events } }", "variables": {"a": ` + strings.Repeat("[", 200) + strings.Repeat("]", 200) + `}}`,
		"{\"query\": \"{ stats { events } }\xff\"}",
		`{"query": "{ stats { events } }", "pad": "` + strings.Repeat("x", 70<<10) + `"}`,
	} {
		f.Add([]byte(s), false)
	}

	srv := fuzzServer(f)
	f.Fuzz(func(t *testing.T, body []byte, raw bool) {
		ctx, cancel := context.WithTimeout(context.Background(), fuzzRequestBound)
		defer cancel()
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
		if raw {
			req.Header.Set("Content-Type", "application/graphql")
		} else {
			req.Header.Set("Content-Type", "application/json")
		}
		rec := httptest.NewRecorder()
		start := time.Now()
		done := make(chan struct{})
		go func() {
			defer close(done)
			srv.ServeHTTP(rec, req)
		}()
		select {
		case <-done:
		case <-time.After(fuzzRequestBound + fuzzRequestBound/2):
			t.Fatalf("no answer after %s to %q", time.Since(start), trunc(body))
		}
		if d := time.Since(start); d > fuzzRequestBound {
			t.Fatalf("answered after %s, more than %s: %q", d, fuzzRequestBound, trunc(body))
		}

		res := rec.Result()
		switch res.StatusCode {
		case http.StatusOK, http.StatusBadRequest, http.StatusMethodNotAllowed, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %q", res.StatusCode, trunc(body))
		}
		if tooBig := int64(len(body)) > fuzzLimits.MaxBodyBytes; tooBig != (res.StatusCode == http.StatusRequestEntityTooLarge) {
			t.Errorf("a %d-byte body (cap %d) answered %d", len(body), fuzzLimits.MaxBodyBytes, res.StatusCode)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q", ct)
		}
		var out struct {
			Data   json.RawMessage `json:"data"`
			Errors []struct {
				Message string `json:"message"`
			} `json:"errors"`
		}
		got := rec.Body.Bytes()
		if !json.Valid(got) {
			t.Fatalf("the answer is not JSON: %q (request %q)", trunc(got), trunc(body))
		}
		if err := json.Unmarshal(got, &out); err != nil {
			t.Fatalf("the answer is not a GraphQL response: %v: %q", err, trunc(got))
		}
		noData := len(out.Data) == 0 || string(out.Data) == "null"
		if res.StatusCode != http.StatusOK && (len(out.Errors) == 0 || !noData) {
			t.Errorf("status %d without errors or with data: %q", res.StatusCode, trunc(got))
		}
		if noData && len(out.Errors) == 0 {
			t.Errorf("neither data nor errors: %q (request %q)", trunc(got), trunc(body))
		}
		for _, e := range out.Errors {
			if strings.TrimSpace(e.Message) == "" {
				t.Errorf("an error without a message: %q", trunc(got))
			}
		}
	})
}

// trunc shortens b for messages.
func trunc(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + fmt.Sprintf("... (%d bytes)", len(b))
	}
	return string(b)
}

package query

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/dgraph/dgraphtest"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/storetest"
	"github.com/dyadgraph/dyad/sqlite"
)

var update = flag.Bool("update", false, "rewrite the golden answers in testdata from the SQLite store")

// backends opens each store kind, empty.
var backends = []struct {
	name string
	open func(t *testing.T) schema.Store
}{
	{"sqlite", func(t *testing.T) schema.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "q.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}},
	{"dgraph", func(t *testing.T) schema.Store {
		dgraphtest.Lock(t)
		return dgraphtest.Open(t)
	}},
}

func fixtureServer(t *testing.T, open func(t *testing.T) schema.Store, cfg Config) *httptest.Server {
	t.Helper()
	s := open(t)
	t.Cleanup(func() { s.Close() })
	for i, b := range storetest.FixtureBatches() {
		if _, err := s.Write(context.Background(), b); err != nil {
			t.Fatalf("fixture batch %d: %v", i, err)
		}
	}
	cfg.Store = s
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

func post(t *testing.T, url, query string, vars map[string]interface{}) map[string]interface{} {
	t.Helper()
	body, _ := json.Marshal(map[string]interface{}{"query": query, "variables": vars})
	resp, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]interface{}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("response is not JSON: %v", err)
	}
	return out
}

// goldenQueries cover every query of the API on the storetest fixture. The
// answers in testdata were checked by hand against the fixture table in
// schema/storetest/fixture.go; every backend must return them exactly.
var goldenQueries = []struct{ name, query string }{
	{"actor", `{ actor(code: "RUSGOV") { code name country countryName sector sectorName asSource asTarget }
		unknown: actor(code: "XXXGOV") { code } }`},
	{"actors", `{ actors(search: "syr", first: 5) { code name asSource asTarget } }`},
	{"events", `{ events(filter: {sources: ["RUS*"], targets: ["SYR*"]}, first: 2) {
		totalCount pageInfo { hasNextPage hasPreviousPage }
		edges { node { id source { code name } target { code name } code rootCode quadClass goldstein
			eventType { name } date place { name country lat lon } numMentions numOutlets
			sentence evidence reportedBy { code name }
			mentions { sentence sentenceIndex evidence reportedBy { code } article { id title outlet published url } }
			articles { id outlet } } } } }`},
	{"events_newest", `{ events(filter: {sources: ["RUS*"]}, first: 3, order: NEWEST_FIRST) { totalCount pageInfo { hasNextPage } edges { node { date code } } } }`},
	{"events_filtered", `{ events(filter: {actors: ["SYRGOV"], quadClasses: [1, 2], from: "2015-10-02", country: "SYR"}) {
		totalCount edges { node { code date place { name } } } } }`},
	{"relations", `{ relations(source: "RUS*", target: "SYR*") {
		forward { source target events verbalCooperation materialCooperation verbalConflict materialConflict goldsteinSum goldsteinMean first last byRoot { root name events } }
		backward { source target events verbalCooperation goldsteinSum goldsteinMean first last byRoot { root events } } } }`},
	{"supporters", `{ supporters(of: "SYRGOV") { actor { code name } score events verbalCooperation materialCooperation evidence(first: 1) { code date sentence } }
		opponents(of: "SYRGOV") { actor { code } score events materialConflict evidence { code } } }`},
	{"timeline", `{ timeline(source: "RUS*", target: "SYR*", from: "2015-09-01", to: "2016-02-01", bucket: MONTH) {
		start events verbalCooperation materialCooperation verbalConflict materialConflict goldsteinSum goldsteinMean } }`},
	{"network", `{ network(actor: "SYRGOV", hops: 2) { nodes { actor { code } hops } edges { source { code } target { code } events goldsteinSum sign } } }`},
	{"path", `{ path(from: "UKRGOV", to: "IGOUNO") { hops actors { code name } links { from { code } to { code } events { code date } } }
		none: path(from: "JPNGOV", to: "RUSGOV") { hops } }`},
	{"article", `{ article(id: "ap-1") { id url title outlet published language } missing: article(id: "nope") { id } }`},
	{"stats", `{ stats { articles events mentions actors places } }`},
	{"event_types", `{ eventTypes(prefix: "19") { code name goldstein quadClass rootCode } }`},
}

func TestGoldenQueries(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ts := fixtureServer(t, be.open, Config{})
			for _, q := range goldenQueries {
				got := post(t, ts.URL, q.query, nil)
				if errs, ok := got["errors"]; ok {
					t.Errorf("%s: errors %v", q.name, errs)
					continue
				}
				b, _ := json.MarshalIndent(got, "", "  ")
				path := filepath.Join("testdata", q.name+".json")
				if *update && be.name == "sqlite" {
					if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%s: %v (run go test ./query -update)", q.name, err)
				}
				if string(b)+"\n" != string(want) {
					t.Errorf("%s on %s differs from %s:\n%s", q.name, be.name, path, b)
				}
			}
		})
	}
}

func TestPaginationThroughHTTP(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ts := fixtureServer(t, be.open, Config{})
			var ids []string
			after := ""
			for page := 0; page < 10; page++ {
				got := post(t, ts.URL, `query($after: String) { events(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`,
					map[string]interface{}{"after": after})
				ev := got["data"].(map[string]interface{})["events"].(map[string]interface{})
				for _, e := range ev["edges"].([]interface{}) {
					ids = append(ids, e.(map[string]interface{})["node"].(map[string]interface{})["id"].(string))
				}
				pi := ev["pageInfo"].(map[string]interface{})
				if !pi["hasNextPage"].(bool) {
					break
				}
				after = pi["endCursor"].(string)
			}
			if len(ids) != 13 {
				t.Fatalf("paged through %d events, want 13", len(ids))
			}
			seen := map[string]bool{}
			for _, id := range ids {
				if seen[id] {
					t.Errorf("event %s on two pages", id)
				}
				seen[id] = true
			}
		})
	}
}

func TestBadArguments(t *testing.T) {
	ts := fixtureServer(t, backends[0].open, Config{})
	tests := []struct{ query, wantErr string }{
		{`{ events(first: 1000000) { totalCount } }`, "first must be between 1 and 500"},
		{`{ events(first: 0) { totalCount } }`, "first must be between 1 and 500"},
		{`{ events(filter: {sources: ["RU S"]}) { totalCount } }`, "filter.sources"},
		{`{ events(filter: {from: "yesterday"}) { totalCount } }`, "is not a date"},
		{`{ events(filter: {from: "2016-01-01", to: "2015-01-01"}) { totalCount } }`, "must be before"},
		{`{ events(filter: {quadClasses: [5]}) { totalCount } }`, "quadClasses"},
		{`{ events(after: "bogus") { totalCount } }`, "cursor"},
		{`{ timeline(bucket: MONTH) { start } }`, "needs source, target or actor"},
		{`{ network(actor: "SYRGOV", hops: 9) { nodes { hops } } }`, "hops"},
		{`{ path(from: "RUS*", to: "SYRGOV") { hops } }`, "exact actor codes"},
		{`{ path(from: "RUSGOV", to: "SYRGOV", maxHops: 60) { hops } }`, "maxHops"},
		{`{ nosuchfield }`, "Cannot query field"},
		{`{ events { `, "Syntax Error"},
	}
	for _, tt := range tests {
		got := post(t, ts.URL, tt.query, nil)
		if !strings.Contains(fmt.Sprint(got["errors"]), tt.wantErr) {
			t.Errorf("%s: errors %v, want one containing %q", tt.query, got["errors"], tt.wantErr)
		}
	}
}

// fragmentTree builds levels of fragments, each spreading the next width
// times, ending in a fragment that does not exist: without counting spreads
// the walk would take width^levels steps.
func fragmentTree(levels, width int) string {
	var b strings.Builder
	b.WriteString("{ ...F0 }")
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, " fragment F%d on Query {", i)
		for j := 0; j < width; j++ {
			fmt.Fprintf(&b, " ...F%d", i+1)
		}
		b.WriteString(" }")
	}
	fmt.Fprintf(&b, " fragment F%d on Query { ...Missing }", levels)
	return b.String()
}

func postRaw(t *testing.T, url, body string) map[string]interface{} {
	t.Helper()
	resp, err := http.Post(url+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]interface{}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("response is not JSON: %v", err)
	}
	return out
}

// TestHostileQueries sends what an attacker would and checks each is
// refused quickly with a clear error while the server keeps serving.
func TestHostileQueries(t *testing.T) {
	ts := fixtureServer(t, backends[0].open, Config{})
	deep := strings.Repeat("actor(code: \"RUSGOV\") { events { edges { node { source { ", 10) + "code" + strings.Repeat(" } } } } }", 10)
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&aliases, " a%d: stats { events }", i)
	}
	aliases.WriteString(" }")
	nested := `{ actors(search: "", first: 500) { events(first: 500) { edges { node { mentions { article { id } } } } } } }`
	tests := []struct {
		name, query, wantErr string
	}{
		{"depth 50", "{ " + deep + " }", "nested deeper than 12"},
		{"10,000 aliases", aliases.String(), "more than 500 fields"},
		{"first: 1000000", `{ events(first: 1000000) { edges { node { id } } } }`, "first must be between"},
		{"nested pages", nested, "complexity exceeds"},
		{"fragment cycle", `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, "fragment A spreads itself (A → B → A)"},
		// An unused self-spreading fragment overflowed graphql-go's stack
		// in validation (found by FuzzGraphQLRequest).
		{"unused fragment spreading itself", `{ ...T } fragment A on Query { ...A ...A ...A stats { events } }`, "fragment A spreads itself (A → A)"},
		{"cycle through an inline fragment and a field", `{ stats { events } } fragment A on Query { ... on Query { stats { ...B } } } fragment B on Stats { ...A }`, "fragment A spreads itself (A → B → A)"},
		{"fragment tree ending in an unknown fragment", fragmentTree(10, 10), "more than 500 fields"},
		{"a huge operation beside the one asked for", `{"query": "query A { stats { events } } query B { ` + strings.Repeat("stats { events } ", 20000) + `}", "operationName": "A"}`, "more than 500 fields"},
		{"page size hidden in a variable default", `query($n: Int = 500) { actors(search: "", first: $n) { events(first: $n) { edges { node { mentions { article { id } } } } } } }`, "complexity exceeds"},
		// graphql-go parses a variable without a type and its validator
		// then panics (found by FuzzGraphQLRequest).
		{"variable without a type", `query($n:, $after: String) { events(first: $n, after: $after) { totalCount } }`, "variable $n has no type"},
		{"list variable without an element type", `query($n: [], $after: String) { events(first: 1, after: $after) { totalCount } }`, "Syntax Error"},
	}
	for _, tt := range tests {
		start := time.Now()
		var got map[string]interface{}
		if strings.HasPrefix(tt.query, `{"query"`) {
			got = postRaw(t, ts.URL, tt.query)
		} else {
			got = post(t, ts.URL, tt.query, nil)
		}
		if !strings.Contains(fmt.Sprint(got["errors"]), tt.wantErr) {
			t.Errorf("%s: errors %.300v, want one containing %q", tt.name, got["errors"], tt.wantErr)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: refused after %s; a refusal must be quick", tt.name, d)
		}
	}
	// A 10 MB body is cut off at the cap.
	big := `{"query": "{ stats { events } }", "pad": "` + strings.Repeat("x", 10<<20) + `"}`
	resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("10 MB body: status %d, want 413", resp.StatusCode)
	}
	// Still serving.
	got := post(t, ts.URL, `{ stats { events } }`, nil)
	if fmt.Sprint(got["data"]) != "map[stats:map[events:13]]" {
		t.Errorf("after the hostile queries: %v, want 13 events", got)
	}
}

func TestTimeout(t *testing.T) {
	ts := fixtureServer(t, backends[0].open, Config{Limits: Limits{Timeout: time.Nanosecond}})
	got := post(t, ts.URL, `{ relations(source: "RUS*", target: "SYR*") { forward { events } } }`, nil)
	if !strings.Contains(fmt.Sprint(got["errors"]), "timed out") && !strings.Contains(fmt.Sprint(got["errors"]), "deadline") {
		t.Errorf("with a 1ns timeout: %v, want a timeout error", got)
	}
}

type fakeIngester struct{ got []ArticleInput }

func (f *fakeIngester) IngestArticles(ctx context.Context, in []ArticleInput) (IngestReport, error) {
	f.got = append(f.got, in...)
	return IngestReport{Articles: len(in), Coded: len(in), NewEvents: 2}, nil
}

func TestIngestMutationNeedsToken(t *testing.T) {
	ing := &fakeIngester{}
	ts := fixtureServer(t, backends[0].open, Config{Token: "s3cret", Ingester: ing})
	mutation := `mutation { ingestArticles(articles: [{url: "https://x.example/1", published: "2015-10-01", text: "Russia attacked rebels."}]) { articles coded newEvents skipped } }`
	send := func(auth string) map[string]interface{} {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(fmt.Sprintf(`{"query": %q}`, mutation)))
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]interface{}
		json.NewDecoder(resp.Body).Decode(&out)
		return out
	}
	for _, auth := range []string{"", "Bearer wrong", "s3cret"} {
		if got := send(auth); !strings.Contains(fmt.Sprint(got["errors"]), "unauthorized") {
			t.Errorf("auth %q: %v, want unauthorized", auth, got)
		}
	}
	got := send("Bearer s3cret")
	if fmt.Sprint(got["data"]) != "map[ingestArticles:map[articles:1 coded:1 newEvents:2 skipped:[]]]" {
		t.Errorf("with the token: %v", got)
	}
	if len(ing.got) != 1 || ing.got[0].URL != "https://x.example/1" || !ing.got[0].Published.Equal(time.Date(2015, 10, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("ingester got %+v", ing.got)
	}
	// GET cannot mutate.
	resp, err := http.Get(ts.URL + "/graphql?query=" + strings.ReplaceAll(mutation, " ", "%20"))
	if err == nil {
		var out map[string]interface{}
		json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if !strings.Contains(fmt.Sprint(out["errors"]), "POST") {
			t.Errorf("mutation over GET: %v", out)
		}
	}
	// Without a configured token, writes are off whatever is sent.
	ts2 := fixtureServer(t, backends[0].open, Config{Ingester: ing})
	if got := post(t, ts2.URL, mutation, nil); !strings.Contains(fmt.Sprint(got["errors"]), "unauthorized") {
		t.Errorf("no token configured: %v", got)
	}
}

func TestEndpoints(t *testing.T) {
	ts := fixtureServer(t, backends[0].open, Config{CORSOrigins: []string{"https://dash.example"}})
	post(t, ts.URL, `{ stats { events } }`, nil)
	tests := []struct {
		path, contains, contentType string
	}{
		{"/schema.graphql", "type Query {", "text/plain"},
		{"/schema.graphql", `supporters(first: Int = 10, from: String, of: String!, to: String): [RankedActor!]!`, ""},
		{"/healthz", `"status":"ok"`, "application/json"},
		{"/metrics", `dyad_graphql_requests_total{operation="query:stats",outcome="ok"} 1`, "text/plain"},
		{"/graphiql", "GraphiQL", "text/html"},
		{"/graphiql/graphiql.min.js", "", "javascript"},
		{"/graphql?query=%7Bstats%7Bactors%7D%7D", `{"data":{"stats":{"actors":12}}}`, "application/json"},
	}
	for _, tt := range tests {
		resp, err := http.Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), tt.contains) || !strings.Contains(resp.Header.Get("Content-Type"), tt.contentType) {
			t.Errorf("GET %s: %d %s, body %.200q; want 200, %s, containing %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), b, tt.contentType, tt.contains)
		}
	}
	req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/graphql", nil)
	req.Header.Set("Origin", "https://dash.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") != "https://dash.example" {
		t.Errorf("CORS preflight from an allowed origin: headers %v", resp.Header)
	}
	req.Header.Set("Origin", "https://evil.example")
	resp, _ = http.DefaultClient.Do(req)
	resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS from an unknown origin was allowed")
	}
}

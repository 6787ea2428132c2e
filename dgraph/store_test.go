package dgraph_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/dgraph"
	"github.com/dyadgraph/dyad/dgraph/dgraphtest"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
	"github.com/dyadgraph/dyad/schema/storetest"
)

// openEmpty opens a store on the test Dgraph, emptied, closed when tb
// ends. The caller holds dgraphtest.Lock.
func openEmpty(tb testing.TB) *dgraph.Store {
	tb.Helper()
	s := dgraphtest.Open(tb)
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	dgraphtest.Lock(t)
	t.Logf("running the conformance suite against Dgraph at %s", dgraphtest.Addr(t))
	storetest.Run(t, func(t *testing.T) schema.Store { return dgraphtest.Open(t) })
}

func TestOpenUnreachable(t *testing.T) {
	ctx := context.Background()
	start := time.Now()
	_, err := dgraph.Open(ctx, dgraph.Config{Addr: "127.0.0.1:1", DialTimeout: 500 * time.Millisecond})
	if err == nil {
		t.Fatal("Open of a closed port: no error")
	}
	if !strings.Contains(err.Error(), "127.0.0.1:1") || !strings.Contains(err.Error(), "not reachable") {
		t.Errorf("error %q does not say which address is unreachable", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Open took %v to fail, want about the dial timeout", d)
	}
}

func day(s string) time.Time {
	t, err := time.Parse(schema.DayLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// tricky is text that must survive N-Quad escaping and come back intact.
const tricky = "quote \" backslash \\ slash / newline \n tab \t cr \r nul \x00 bell \x07 é 中文 😀 <tag> _:blank . \\u0041"

func smallBatch(article string) schema.Batch {
	a := schema.Article{ID: article, URL: "https://example.org/" + article, Title: tricky, Outlet: "Out \"let\"",
		Published: time.Date(2020, 5, 6, 7, 8, 9, 123456789, time.UTC), Language: "en"}
	return schema.Batch{
		Articles: []schema.Article{a},
		Events: []schema.Event{{
			Source: schema.Actor{Code: "USAGOV", Name: "United States"}, Target: schema.Actor{Code: "RUSGOV", Name: "Russia"},
			Code: "042", Date: day("2020-05-06"),
			Place: &schema.Place{Name: "Ge\"neva\\", Country: "CHE", Lat: 46.2, Lon: 6.1},
			Mentions: []schema.Mention{{ArticleID: article, SentenceIndex: 3, Sentence: tricky,
				Evidence: []string{"z last", "a first", "z last", tricky}, ReportedBy: &schema.Actor{Code: "FRAGOV", Name: "Élysée"}}},
		}},
	}
}

func TestWriteTwiceAndRoundTrip(t *testing.T) {
	dgraphtest.Lock(t)
	s := openEmpty(t)
	ctx := context.Background()
	b := smallBatch("art-1")
	r, err := s.Write(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if want := (schema.WriteResult{NewArticles: 1, NewEvents: 1, NewMentions: 1}); r != want {
		t.Errorf("first write = %+v, want %+v", r, want)
	}
	if r, err := s.Write(ctx, b); err != nil || r != (schema.WriteResult{}) {
		t.Errorf("second write = %+v, %v; want nothing new", r, err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (schema.Stats{Articles: 1, Events: 1, Mentions: 1, Actors: 3, Places: 1}); st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}

	arts, err := s.Articles(ctx, []string{"nope", "art-1"})
	if err != nil {
		t.Fatal(err)
	}
	if arts[0] != (schema.Article{}) || arts[1].Title != tricky || !arts[1].Published.Equal(b.Articles[0].Published) || arts[1].Outlet != b.Articles[0].Outlet {
		t.Errorf("Articles = %+v", arts)
	}

	page, err := s.Events(ctx, schema.EventFilter{Place: "GE\"NEVA\\"}, schema.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 1 {
		t.Fatalf("events at the tricky place: %d, want 1", len(page.Events))
	}
	e := page.Events[0]
	m := e.Mentions[0]
	if m.Sentence != tricky || !reflect.DeepEqual(m.Evidence, b.Events[0].Mentions[0].Evidence) || m.ReportedBy == nil || m.ReportedBy.Name != "Élysée" {
		t.Errorf("mention = %+v", m)
	}
	if e.Place == nil || e.Place.Name != "Ge\"neva\\" || e.NumOutlets != 1 || e.NumMentions != 1 || e.Root != "04" || e.Quad != 1 {
		t.Errorf("event = %+v", e)
	}

	// A later article reporting the same event merges into it.
	b2 := smallBatch("art-2")
	b2.Articles[0].Outlet = "Other"
	r, err = s.Write(ctx, b2)
	if err != nil {
		t.Fatal(err)
	}
	if want := (schema.WriteResult{NewArticles: 1, NewMentions: 1, MergedEvents: 1}); r != want {
		t.Errorf("merging write = %+v, want %+v", r, want)
	}
	page, err = s.Events(ctx, schema.EventFilter{Outlet: "Other", MinMentions: 2}, schema.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 1 || page.Events[0].NumMentions != 2 || page.Events[0].NumOutlets != 2 || len(page.Events[0].Mentions) != 2 {
		t.Errorf("merged event = %+v", page.Events)
	}
}

func TestSearchActorsEscapes(t *testing.T) {
	dgraphtest.Lock(t)
	s := openEmpty(t)
	ctx := context.Background()
	b := smallBatch("art-1")
	b.Events[0].Source.Name = `A.*(b)/c\d`
	if _, err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		search string
		want   int
	}{
		{`.*(b)/c\d`, 1}, {`(b)/`, 1}, {"/", 1}, {`\`, 1}, {".*", 1}, {"a.*(B)/C", 1}, {"x.*", 0}, {"élys", 1}, {"ÉLYSÉE", 1}, {"", 3}, {"us", 2}, {"[", 0},
	} {
		got, err := s.SearchActors(ctx, tt.search, 0)
		if err != nil {
			t.Errorf("SearchActors(%q): %v", tt.search, err)
			continue
		}
		if len(got) != tt.want {
			t.Errorf("SearchActors(%q) = %+v, want %d actors", tt.search, got, tt.want)
		}
	}
}

// TestConcurrentSharedActors writes many batches that share hub actors
// from several goroutines: no errors, no duplicate nodes.
func TestConcurrentSharedActors(t *testing.T) {
	dgraphtest.Lock(t)
	s := openEmpty(t)
	ctx := context.Background()
	batches := storetest.Synthetic(storetest.SyntheticOptions{Events: 2000, Seed: 7, ArticlesPerBatch: 40})
	want := schema.Stats{}
	actors := map[string]bool{}
	places := map[string]bool{}
	events := map[string]bool{}
	for _, b := range batches {
		pb, err := schema.Prepare(b, cameo.MustStandard())
		if err != nil {
			t.Fatal(err)
		}
		want.Articles += len(pb.Articles)
		for _, e := range pb.Events {
			if !events[e.ID] {
				events[e.ID] = true
			}
			want.Mentions += len(e.Mentions)
			actors[e.Source.Code], actors[e.Target.Code] = true, true
			if e.Place != nil {
				places[e.Place.Key()] = true
			}
		}
	}
	want.Events, want.Actors, want.Places = len(events), len(actors), len(places)

	var wg sync.WaitGroup
	errs := make(chan error, len(batches))
	const writers = 4
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(batches); i += writers {
				if _, err := s.Write(ctx, batches[i]); err != nil {
					errs <- fmt.Errorf("batch %d: %w", i, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
	// Everything again, concurrently: nothing new.
	var total schema.WriteResult
	var mu sync.Mutex
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(batches); i += writers {
				r, err := s.Write(ctx, batches[i])
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				total.Add(r)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if total != (schema.WriteResult{}) {
		t.Errorf("rewrite = %+v, want nothing new", total)
	}
}

func TestCursorAndErrors(t *testing.T) {
	dgraphtest.Lock(t)
	s := openEmpty(t)
	ctx := context.Background()
	for _, c := range []string{"!!", b64("2020-13-01|ev_x"), b64("2020-01-01"), b64("2020-01-01|")} {
		_, err := s.Events(ctx, schema.EventFilter{}, schema.PageRequest{After: c})
		if err == nil || !strings.Contains(err.Error(), "malformed cursor") {
			t.Errorf("cursor %q: error %v, want a malformed cursor error", c, err)
		}
	}
	_, err := s.Write(ctx, schema.Batch{Events: []schema.Event{{Code: "042"}}})
	var fe *schema.FieldError
	if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "dgraph: write batch: ") {
		t.Errorf("invalid batch: %v, want a wrapped *schema.FieldError", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Write(cctx, smallBatch("x")); !errors.Is(err, context.Canceled) {
		t.Errorf("Write with a cancelled context: %v", err)
	}
	if rows, err := s.Aggregate(ctx, schema.EventFilter{}, schema.Grouping{}); err != nil || len(rows) != 0 {
		t.Errorf("Aggregate over nothing = %v, %v", rows, err)
	}
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestAggregateUngrouped(t *testing.T) {
	dgraphtest.Lock(t)
	s := openEmpty(t)
	ctx := context.Background()
	for _, b := range storetest.FixtureBatches() {
		if _, err := s.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.Aggregate(ctx, schema.EventFilter{Actors: []string{"SYR*"}}, schema.Grouping{})
	if err != nil {
		t.Fatal(err)
	}
	// E1 195 −10, E2 070 +7, E3 051 +3.4, E6 061 +6.4, E7 071 +7.4, E10 036 +4, E8 057 +8, E9 190 −10
	want := []schema.AggregateRow{{Count: 8, Quads: schema.QuadCounts{3, 3, 0, 2}, Goldstein10: 162, First: day("2015-09-30"), Last: day("2016-01-12")}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("ungrouped = %+v, want %+v", rows, want)
	}
	// Filters that cannot match: unknown roots and quads, an empty range.
	for _, f := range []schema.EventFilter{
		{Roots: []string{"0"}}, {Roots: []string{"1", "190"}}, {Quads: []int{0, 9}},
		{From: day("2016-01-01"), To: day("2015-01-01")}, {From: day("2016-01-01"), To: day("2016-01-01")},
	} {
		page, err := s.Events(ctx, f, schema.PageRequest{})
		if err != nil || len(page.Events) != 0 || page.Total != 0 || page.HasNext {
			t.Errorf("Events(%+v) = %d events, total %d, %v; want none", f, len(page.Events), page.Total, err)
		}
		if rows, err := s.Aggregate(ctx, f, schema.Grouping{Code: true}); err != nil || len(rows) != 0 {
			t.Errorf("Aggregate(%+v) = %v, %v; want no rows", f, rows, err)
		}
	}
	// Mixed known and unknown roots: the known ones count.
	if rows, err := s.Aggregate(ctx, schema.EventFilter{Roots: []string{"05", "5", "99"}}, schema.Grouping{}); err != nil || len(rows) != 1 || rows[0].Count != 3 {
		t.Errorf("Aggregate(roots 05, 5, 99) = %v, %v; want 3 events (E3, E8, E11)", rows, err)
	}
}

// refPath is breadth-first search with the tie rule of the Store contract
// as the sqlite store implements it: each actor's parent is its
// smallest-code neighbour in the previous level.
func refPath(adj map[string][]string, from, to string, maxHops int) []string {
	if from == to {
		return []string{from}
	}
	parent := map[string]string{from: ""}
	frontier := []string{from}
	for hop := 1; hop <= maxHops && len(frontier) > 0; hop++ {
		best := map[string]string{}
		for _, f := range frontier {
			for _, n := range adj[f] {
				if _, seen := parent[n]; seen {
					continue
				}
				if p, ok := best[n]; !ok || f < p {
					best[n] = f
				}
			}
		}
		frontier = frontier[:0]
		for n, p := range best {
			parent[n] = p
			frontier = append(frontier, n)
		}
		if _, ok := parent[to]; ok {
			var rev []string
			for n := to; n != ""; n = parent[n] {
				rev = append(rev, n)
			}
			for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
				rev[i], rev[j] = rev[j], rev[i]
			}
			return rev
		}
	}
	return nil
}

// TestPathTies checks Path on random sparse graphs full of equally short
// chains against refPath. Actors are created in an order unrelated to
// their codes, so Dgraph's uid order does not happen to give the answer.
func TestPathTies(t *testing.T) {
	dgraphtest.Lock(t)
	s := openEmpty(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	const n = 24
	codes := make([]string, n)
	for i := range codes {
		codes[i] = fmt.Sprintf("Q%02d", n-i) // written first = largest code
	}
	adj := map[string][]string{}
	b := schema.Batch{Articles: []schema.Article{{ID: "a", Published: day("2020-01-01")}}}
	for i := range 34 {
		x, y := codes[r.IntN(n)], codes[r.IntN(n)]
		if x == y {
			continue
		}
		adj[x], adj[y] = append(adj[x], y), append(adj[y], x)
		b.Events = append(b.Events, schema.Event{
			Source: schema.Actor{Code: x}, Target: schema.Actor{Code: y}, Code: "042",
			Date: day("2020-01-01").AddDate(0, 0, i), Mentions: []schema.Mention{{ArticleID: "a", SentenceIndex: i}},
		})
	}
	if _, err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	checked, long := 0, 0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j += 3 {
			from, to := codes[i], codes[j]
			if len(adj[from]) == 0 || len(adj[to]) == 0 {
				continue
			}
			for _, hops := range []int{2, 6} {
				want := refPath(adj, from, to, hops)
				got, err := s.Path(ctx, from, to, hops)
				if err != nil {
					t.Fatalf("Path(%s, %s, %d): %v", from, to, hops, err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Path(%s, %s, %d) = %v, want %v", from, to, hops, got, want)
				}
				checked++
				if len(want) > 3 {
					long++
				}
			}
		}
	}
	t.Logf("%d paths checked, %d longer than two hops", checked, long)
	if _, err := s.Path(ctx, "Q0*", "Q01", 3); err == nil {
		t.Error("Path with a selector: no error")
	}
}

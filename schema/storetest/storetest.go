// Package storetest is the conformance suite every schema.Store backend
// runs. It writes a small hand-checked fixture (fixture.go) and asserts the
// exact answers of every Store method, so all backends answer alike.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

// Run runs the conformance suite. open must return an empty store each
// time it is called; the suite closes it.
func Run(t *testing.T, open func(t *testing.T) schema.Store) {
	ctx := context.Background()
	o := cameo.MustStandard()

	t.Run("WriteIsIdempotent", func(t *testing.T) { testIdempotent(ctx, t, open(t)) })
	t.Run("InvalidBatchStoresNothing", func(t *testing.T) { testInvalid(ctx, t, open(t)) })
	t.Run("ConcurrentWriters", func(t *testing.T) { testConcurrent(ctx, t, open(t)) })

	s := open(t)
	defer s.Close()
	writeFixture(ctx, t, s)
	t.Run("Lookups", func(t *testing.T) { testLookups(ctx, t, s) })
	t.Run("EventFilters", func(t *testing.T) { testEventFilters(ctx, t, s) })
	t.Run("EventContents", func(t *testing.T) { testEventContents(ctx, t, s) })
	t.Run("Pagination", func(t *testing.T) { testPagination(ctx, t, s) })
	t.Run("Relations", func(t *testing.T) { testRelations(ctx, t, s, o) })
	t.Run("Timeline", func(t *testing.T) { testTimeline(ctx, t, s, o) })
	t.Run("Rank", func(t *testing.T) { testRank(ctx, t, s, o) })
	t.Run("AggregateCounts", func(t *testing.T) { testAggregateCounts(ctx, t, s) })
	t.Run("Network", func(t *testing.T) { testNetwork(ctx, t, s, o) })
	t.Run("Path", func(t *testing.T) { testPath(ctx, t, s) })
}

var fixtureStats = schema.Stats{Articles: 5, Events: 13, Mentions: 14, Actors: 12, Places: 5}

func writeFixture(ctx context.Context, t *testing.T, s schema.Store) schema.WriteResult {
	t.Helper()
	var total schema.WriteResult
	for i, b := range FixtureBatches() {
		r, err := s.Write(ctx, b)
		if err != nil {
			t.Fatalf("write fixture batch %d: %v", i, err)
		}
		total.Add(r)
	}
	return total
}

func stats(ctx context.Context, t *testing.T, s schema.Store) schema.Stats {
	t.Helper()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func testIdempotent(ctx context.Context, t *testing.T, s schema.Store) {
	defer s.Close()
	first := writeFixture(ctx, t, s)
	want := schema.WriteResult{NewArticles: 5, NewEvents: 13, NewMentions: 14, MergedEvents: 1}
	if first != want {
		t.Errorf("first write = %+v, want %+v", first, want)
	}
	if got := stats(ctx, t, s); got != fixtureStats {
		t.Errorf("Stats after first write = %+v, want %+v", got, fixtureStats)
	}
	again := writeFixture(ctx, t, s)
	if again != (schema.WriteResult{}) {
		t.Errorf("second write of the same batches = %+v, want nothing new", again)
	}
	if got := stats(ctx, t, s); got != fixtureStats {
		t.Errorf("Stats after second write = %+v, want %+v", got, fixtureStats)
	}
	// The whole fixture as one batch: still nothing new.
	var all schema.Batch
	for _, b := range FixtureBatches() {
		all.Articles = append(all.Articles, b.Articles...)
		all.Events = append(all.Events, b.Events...)
	}
	if r, err := s.Write(ctx, all); err != nil || r != (schema.WriteResult{}) {
		t.Errorf("one-batch rewrite = %+v, %v; want nothing new", r, err)
	}
}

func testInvalid(ctx context.Context, t *testing.T, s schema.Store) {
	defer s.Close()
	good := FixtureBatches()[1] // ap-1 with three events
	tests := []struct {
		name  string
		edit  func(b *schema.Batch)
		field string
	}{
		{"unknown code", func(b *schema.Batch) { b.Events[1].Code = "999" }, "event_code"},
		{"missing source", func(b *schema.Batch) { b.Events[2].Source = schema.Actor{} }, "source"},
		{"bad target code", func(b *schema.Batch) { b.Events[0].Target.Code = "SY" }, "target"},
		{"date out of range", func(b *schema.Batch) { b.Events[1].Date = time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC) }, "date"},
		{"missing date", func(b *schema.Batch) { b.Events[0].Date = time.Time{} }, "date"},
		{"no provenance", func(b *schema.Batch) { b.Events[0].Mentions = nil }, "mentions"},
		{"mention of unknown article", func(b *schema.Batch) { b.Events[0].Mentions[0].ArticleID = "nope" }, "article_id"},
		{"article without id", func(b *schema.Batch) { b.Articles[0].ID = "" }, "id"},
		{"bad latitude", func(b *schema.Batch) { p := *b.Events[0].Place; p.Lat = 123; b.Events[0].Place = &p }, "location.lat/lon"},
		{"unknown place country", func(b *schema.Batch) { p := *b.Events[0].Place; p.Country = "XXX"; b.Events[0].Place = &p }, "location.country"},
		{"invalid UTF-8", func(b *schema.Batch) { b.Events[0].Mentions[0].Sentence = "bad \xff byte" }, "sentence"},
	}
	for _, tt := range tests {
		b := cloneBatch(good)
		tt.edit(&b)
		_, err := s.Write(ctx, b)
		var fe *schema.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("%s: Write error = %v, want a *schema.FieldError", tt.name, err)
			continue
		}
		if fe.Field != tt.field {
			t.Errorf("%s: error names field %q (%v), want %q", tt.name, fe.Field, err, tt.field)
		}
	}
	if got := stats(ctx, t, s); got != (schema.Stats{}) {
		t.Errorf("Stats after rejected batches = %+v, want nothing stored", got)
	}
}

func cloneBatch(b schema.Batch) schema.Batch {
	out := schema.Batch{Articles: append([]schema.Article(nil), b.Articles...)}
	for _, e := range b.Events {
		e.Mentions = append([]schema.Mention(nil), e.Mentions...)
		out.Events = append(out.Events, e)
	}
	return out
}

// testConcurrent writes the fixture from four goroutines at once, each in
// a different order; the result must be the fixture exactly once.
func testConcurrent(ctx context.Context, t *testing.T, s schema.Store) {
	defer s.Close()
	batches := FixtureBatches()
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(batches))
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := range batches {
				b := batches[(i+w)%len(batches)]
				if _, err := s.Write(ctx, b); err != nil {
					errs <- fmt.Errorf("writer %d batch %d: %w", w, i, err)
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := stats(ctx, t, s); got != fixtureStats {
		t.Errorf("Stats after concurrent writes = %+v, want %+v", got, fixtureStats)
	}
	page, err := s.Events(ctx, schema.EventFilter{MinMentions: 2}, schema.PageRequest{First: 10})
	if err != nil {
		t.Fatalf("Events: %v", err)
	}
	if len(page.Events) != 1 || page.Events[0].NumMentions != 2 || page.Events[0].NumOutlets != 2 {
		t.Errorf("events with 2 mentions after concurrent writes = %+v, want E1 with 2 mentions from 2 outlets", page.Events)
	}
}

func testLookups(ctx context.Context, t *testing.T, s schema.Store) {
	arts, err := s.Articles(ctx, []string{"tass-1", "missing", "ap-1"})
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	want := []schema.Article{fixtureArticles[4], {}, fixtureArticles[1]}
	if len(arts) != 3 {
		t.Fatalf("Articles returned %d, want 3", len(arts))
	}
	for i := range want {
		if !sameArticle(arts[i], want[i]) {
			t.Errorf("Articles[%d] = %+v, want %+v", i, arts[i], want[i])
		}
	}

	sums, err := s.Actors(ctx, []string{"RUSGOV", "NOPE", "SYRGOV", "USAMIL"})
	if err != nil {
		t.Fatalf("Actors: %v", err)
	}
	wantSums := []schema.ActorSummary{
		{Actor: actor("RUSGOV"), AsSource: 2, AsTarget: 3},
		{},
		{Actor: actor("SYRGOV"), AsSource: 1, AsTarget: 5},
		{Actor: actor("USAMIL")},
	}
	if !reflect.DeepEqual(sums, wantSums) {
		t.Errorf("Actors = %+v\nwant %+v", sums, wantSums)
	}

	searches := []struct {
		text  string
		first int
		want  []string
	}{
		{"rus", 10, []string{"RUSGOV", "RUSMIL"}},          // 5 and 2 events
		{"SYR", 10, []string{"SYRGOV", "SYRREB"}},          // 6 and 3 events
		{"syrian", 10, []string{"SYRREB"}},                 // by name
		{"pentagon", 10, []string{"USAMIL"}},               // a reporter only
		{"gov", 3, []string{"SYRGOV", "RUSGOV", "USAGOV"}}, // 6, 5, 3 events
		{"zzz", 10, nil},
	}
	for _, tt := range searches {
		got, err := s.SearchActors(ctx, tt.text, tt.first)
		if err != nil {
			t.Errorf("SearchActors(%q): %v", tt.text, err)
			continue
		}
		var codes []string
		for _, a := range got {
			codes = append(codes, a.Code)
		}
		if !reflect.DeepEqual(codes, tt.want) {
			t.Errorf("SearchActors(%q, %d) = %v, want %v", tt.text, tt.first, codes, tt.want)
		}
	}
}

func sameArticle(a, b schema.Article) bool {
	return a.ID == b.ID && a.URL == b.URL && a.Title == b.Title && a.Outlet == b.Outlet &&
		a.Published.Equal(b.Published) && a.Language == b.Language
}

// allEvents pages through every event matching f.
func allEvents(ctx context.Context, t *testing.T, s schema.Store, f schema.EventFilter, pageSize int) ([]schema.Event, int) {
	t.Helper()
	var out []schema.Event
	p := schema.PageRequest{First: pageSize}
	total := -1
	for guard := 0; guard < 100; guard++ {
		page, err := s.Events(ctx, f, p)
		if err != nil {
			t.Fatalf("Events(%+v, %+v): %v", f, p, err)
		}
		if total >= 0 && page.Total != total {
			t.Errorf("Total changed between pages: %d then %d", total, page.Total)
		}
		total = page.Total
		if len(page.Cursors) != len(page.Events) {
			t.Fatalf("%d cursors for %d events", len(page.Cursors), len(page.Events))
		}
		out = append(out, page.Events...)
		if !page.HasNext {
			return out, total
		}
		if len(page.Events) == 0 {
			t.Fatal("HasNext with an empty page")
		}
		p.After = page.Cursors[len(page.Cursors)-1]
	}
	t.Fatal("more than 100 pages")
	return nil, 0
}

// inOrder returns the IDs of the named fixture events in (date, ID) order.
func inOrder(names ...string) []string {
	type row struct{ day, id string }
	var rows []row
	for _, n := range names {
		for _, fe := range fixtureEvents {
			if fe.name == n {
				rows = append(rows, row{fe.day, fixtureID(n)})
			}
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].day != rows[j].day {
			return rows[i].day < rows[j].day
		}
		return rows[i].id < rows[j].id
	})
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	return ids
}

func ids(events []schema.Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.ID
	}
	return out
}

func names(idList []string) []string {
	out := make([]string, len(idList))
	for i, id := range idList {
		out[i] = id
		for _, fe := range fixtureEvents {
			if fixtureID(fe.name) == id {
				out[i] = fe.name
			}
		}
	}
	return out
}

func testEventFilters(ctx context.Context, t *testing.T, s schema.Store) {
	tests := []struct {
		name string
		f    schema.EventFilter
		want []string
	}{
		{"all", schema.EventFilter{}, inOrder("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13")},
		{"family dyad", schema.EventFilter{Sources: []string{"RUS*"}, Targets: []string{"SYR*"}}, inOrder("E1", "E2", "E8")},
		{"family dyad in 2015", schema.EventFilter{Sources: []string{"RUS*"}, Targets: []string{"SYR*"}, From: day("2015-09-01"), To: day("2016-01-01")}, inOrder("E1", "E2")},
		{"exact dyad", schema.EventFilter{Sources: []string{"RUSGOV"}, Targets: []string{"SYRGOV"}}, inOrder("E2", "E8")},
		{"exact code is not a family", schema.EventFilter{Sources: []string{"RUS"}}, nil},
		{"either side", schema.EventFilter{Actors: []string{"SYRGOV"}}, inOrder("E2", "E3", "E6", "E8", "E9", "E10")},
		{"either side, two actors", schema.EventFilter{Actors: []string{"TURGOV", "UKRGOV"}}, inOrder("E5", "E12")},
		{"several sources", schema.EventFilter{Sources: []string{"IRNGOV", "IGO*"}}, inOrder("E6", "E10")},
		{"date range is half-open", schema.EventFilter{From: day("2015-10-01"), To: day("2015-10-14")}, inOrder("E2", "E3")},
		{"code prefix", schema.EventFilter{CodePrefix: "19"}, inOrder("E1", "E9")},
		{"code prefix 4 digits", schema.EventFilter{CodePrefix: "057"}, inOrder("E8", "E11")},
		{"root", schema.EventFilter{Roots: []string{"05"}}, inOrder("E3", "E8", "E11")},
		{"quad", schema.EventFilter{Quads: []int{2}}, inOrder("E2", "E6", "E7")},
		{"quads", schema.EventFilter{Quads: []int{3, 4}}, inOrder("E1", "E4", "E5", "E9", "E12")},
		{"country", schema.EventFilter{Country: "SYR"}, inOrder("E1", "E2", "E6", "E9")},
		{"place, any case", schema.EventFilter{Place: "damascus"}, inOrder("E2", "E6")},
		{"outlet", schema.EventFilter{Outlet: "AP"}, inOrder("E1", "E2", "E3")},
		{"min mentions", schema.EventFilter{MinMentions: 2}, inOrder("E1")},
		{"combined", schema.EventFilter{Actors: []string{"SYRGOV"}, Quads: []int{1, 2}, From: day("2015-10-02")}, inOrder("E6", "E8", "E10")},
	}
	for _, tt := range tests {
		got, total := allEvents(ctx, t, s, tt.f, 100)
		if !reflect.DeepEqual(names(ids(got)), names(tt.want)) {
			t.Errorf("%s: events %v, want %v", tt.name, names(ids(got)), names(tt.want))
		}
		if total != len(tt.want) {
			t.Errorf("%s: Total %d, want %d", tt.name, total, len(tt.want))
		}
	}
	if _, err := s.Events(ctx, schema.EventFilter{Sources: []string{"RU S"}}, schema.PageRequest{}); err == nil {
		t.Error("Events with a malformed selector: no error")
	}
}

func testEventContents(ctx context.Context, t *testing.T, s schema.Store) {
	got, _ := allEvents(ctx, t, s, schema.EventFilter{CodePrefix: "195"}, 10)
	if len(got) != 1 {
		t.Fatalf("events with code 195: %d, want 1 (E1)", len(got))
	}
	e := got[0]
	want := schema.Event{
		ID: fixtureID("E1"), Source: actor("RUSMIL"), Target: actor("SYRREB"),
		Code: "195", Root: "19", Quad: 4, Goldstein: -10, Date: day("2015-09-30"),
		Place: latakia, NumMentions: 2, NumOutlets: 2,
		Mentions: []schema.Mention{secondReportOfE1, fixtureEvents[0].mentions[0]}, // ordered by article ID: ap-1, reuters-1
	}
	if e.Place == nil || !sameFloat(e.Place.Lat, want.Place.Lat) || !sameFloat(e.Place.Lon, want.Place.Lon) {
		t.Errorf("place = %+v, want %+v", e.Place, want.Place)
	}
	e.Place, want.Place = nil, nil
	if !reflect.DeepEqual(e, want) {
		t.Errorf("E1 =\n%+v\nwant\n%+v", e, want)
	}
	got, _ = allEvents(ctx, t, s, schema.EventFilter{Sources: []string{"SYRGOV"}}, 10)
	if len(got) != 1 || got[0].Place != nil || got[0].NumMentions != 1 || got[0].NumOutlets != 1 || got[0].Mentions[0].ReportedBy != nil {
		t.Errorf("E3 = %+v, want no place, one mention, one outlet, no reporter", got)
	}
}

func sameFloat(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func testPagination(ctx context.Context, t *testing.T, s schema.Store) {
	want := inOrder("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13")
	for _, size := range []int{1, 2, 5, 13, 50} {
		got, total := allEvents(ctx, t, s, schema.EventFilter{}, size)
		if !reflect.DeepEqual(ids(got), want) || total != 13 {
			t.Errorf("pages of %d: %v (total %d), want %v", size, names(ids(got)), total, names(want))
		}
	}
	// Newest first: the same events in reverse, across pages.
	var newest []string
	req := schema.PageRequest{First: 4, Newest: true}
	for guard := 0; guard < 10; guard++ {
		page, err := s.Events(ctx, schema.EventFilter{}, req)
		if err != nil {
			t.Fatal(err)
		}
		newest = append(newest, ids(page.Events)...)
		if !page.HasNext {
			break
		}
		req.After = page.Cursors[len(page.Cursors)-1]
	}
	for i, j := 0, len(newest)-1; i < j; i, j = i+1, j-1 {
		newest[i], newest[j] = newest[j], newest[i]
	}
	if !reflect.DeepEqual(newest, want) {
		t.Errorf("newest first, reversed: %v, want %v", names(newest), names(want))
	}
	page, err := s.Events(ctx, schema.EventFilter{}, schema.PageRequest{First: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 5 || !page.HasNext || page.Total != 13 {
		t.Errorf("first page of 5: %d events, HasNext %v, Total %d", len(page.Events), page.HasNext, page.Total)
	}
	if _, err := s.Events(ctx, schema.EventFilter{}, schema.PageRequest{First: 5, After: "not a cursor!"}); err == nil {
		t.Error("Events after a malformed cursor: no error")
	}
}

func testRelations(ctx context.Context, t *testing.T, s schema.Store, o *cameo.Ontology) {
	rel, err := schema.DyadRelations(ctx, s, o, "RUS*", "SYR*", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	// Forward: E1 195 (-10), E2 070 (7.0), E8 057 (8.0). Backward: E3 051 (3.4).
	fwd := schema.Tally{Events: 3, Quads: schema.QuadCounts{1, 1, 0, 1}, Roots: map[string]int{"19": 1, "07": 1, "05": 1},
		GoldsteinSum: 5, First: day("2015-09-30"), Last: day("2016-01-12")}
	back := schema.Tally{Events: 1, Quads: schema.QuadCounts{1, 0, 0, 0}, Roots: map[string]int{"05": 1},
		GoldsteinSum: 3.4, First: day("2015-10-01"), Last: day("2015-10-01")}
	checkTally(t, "RUS*→SYR* forward", rel.Forward, fwd)
	checkTally(t, "RUS*→SYR* backward", rel.Backward, back)

	rel, err = schema.DyadRelations(ctx, s, o, "RUS*", "SYR*", day("2015-10-01"), day("2016-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	checkTally(t, "RUS*→SYR* Oct–Dec 2015", rel.Forward, schema.Tally{Events: 1, Quads: schema.QuadCounts{0, 1, 0, 0}, Roots: map[string]int{"07": 1},
		GoldsteinSum: 7, First: day("2015-10-01"), Last: day("2015-10-01")})
	checkTally(t, "SYR*→RUS* Oct–Dec 2015", rel.Backward, back)

	rel, err = schema.DyadRelations(ctx, s, o, "JPNGOV", "RUSGOV", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	checkTally(t, "JPNGOV→RUSGOV", rel.Forward, schema.Tally{})
}

func checkTally(t *testing.T, what string, got, want schema.Tally) {
	t.Helper()
	if len(got.Roots) == 0 {
		got.Roots = nil
	}
	if got.Events != want.Events || got.Quads != want.Quads || !reflect.DeepEqual(got.Roots, want.Roots) ||
		!sameFloat(got.GoldsteinSum, want.GoldsteinSum) || !got.First.Equal(want.First) || !got.Last.Equal(want.Last) {
		t.Errorf("%s = %+v\nwant %+v", what, got, want)
	}
}

func testTimeline(ctx context.Context, t *testing.T, s schema.Store, o *cameo.Ontology) {
	type point struct {
		start  string
		events int
		gs     float64
	}
	tests := []struct {
		name   string
		f      schema.EventFilter
		bucket schema.Bucket
		want   []point
	}{
		{"monthly with empty months", schema.EventFilter{Sources: []string{"RUS*"}, Targets: []string{"SYR*"}, From: day("2015-09-01"), To: day("2016-02-01")}, schema.BucketMonth,
			[]point{{"2015-09-01", 1, -10}, {"2015-10-01", 1, 7}, {"2015-11-01", 0, 0}, {"2015-12-01", 0, 0}, {"2016-01-01", 1, 8}}},
		{"weekly from Monday", schema.EventFilter{Sources: []string{"RUS*"}, Targets: []string{"SYR*"}, From: day("2015-09-28"), To: day("2015-10-12")}, schema.BucketWeek,
			[]point{{"2015-09-28", 2, -3}, {"2015-10-05", 0, 0}}},
		{"weeks start on Monday even mid-week", schema.EventFilter{Actors: []string{"USAGOV"}, From: day("2015-10-15"), To: day("2015-11-24")}, schema.BucketWeek,
			[]point{{"2015-10-12", 0, 0}, {"2015-10-19", 0, 0}, {"2015-10-26", 0, 0}, {"2015-11-02", 0, 0}, {"2015-11-09", 0, 0}, {"2015-11-16", 1, 7.4}, {"2015-11-23", 0, 0}}},
		{"yearly, range from the data", schema.EventFilter{Actors: []string{"SYRGOV"}}, schema.BucketYear,
			[]point{{"2015-01-01", 4, 3.4 + 7 + 6.4 + 4}, {"2016-01-01", 2, 8 - 10}}},
		{"daily", schema.EventFilter{Actors: []string{"USAGOV"}, From: day("2015-10-13"), To: day("2015-10-16")}, schema.BucketDay,
			[]point{{"2015-10-13", 0, 0}, {"2015-10-14", 2, -2 + 8}, {"2015-10-15", 0, 0}}},
		{"nothing", schema.EventFilter{Actors: []string{"XXXGOV"}}, schema.BucketMonth, nil},
	}
	for _, tt := range tests {
		got, err := schema.Timeline(ctx, s, o, tt.f, tt.bucket)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var pts []point
		for _, p := range got {
			pts = append(pts, point{p.Start.Format(schema.DayLayout), p.Events, math.Round(p.GoldsteinSum*1000) / 1000})
		}
		for i := range tt.want {
			tt.want[i].gs = math.Round(tt.want[i].gs*1000) / 1000
		}
		if !reflect.DeepEqual(pts, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, pts, tt.want)
		}
	}
	// Quad counts of one point.
	got, err := schema.Timeline(ctx, s, o, schema.EventFilter{Actors: []string{"SYRGOV"}}, schema.BucketYear)
	if err != nil || len(got) != 2 {
		t.Fatalf("yearly SYRGOV timeline: %v, %v", got, err)
	}
	if got[1].Quads != (schema.QuadCounts{1, 0, 0, 1}) {
		t.Errorf("2016 quads for SYRGOV = %v, want [1 0 0 1]", got[1].Quads)
	}
}

func testRank(ctx context.Context, t *testing.T, s schema.Store, o *cameo.Ontology) {
	type ranked struct {
		code   string
		score  float64
		events int
	}
	tests := []struct {
		of     string
		stance schema.Stance
		first  int
		want   []ranked
	}{
		{"SYRGOV", schema.Supporters, 10, []ranked{{"RUSGOV", 15, 2}, {"IRNGOV", 6.4, 1}, {"IGOUNO", 4, 1}}},
		{"SYRGOV", schema.Opponents, 10, []ranked{{"SYRREB", -10, 1}}},
		{"SYRGOV", schema.Supporters, 2, []ranked{{"RUSGOV", 15, 2}, {"IRNGOV", 6.4, 1}}},
		// Family: SYRREB→SYRGOV is internal to SYR* and left out.
		{"SYR*", schema.Supporters, 10, []ranked{{"RUSGOV", 15, 2}, {"USAGOV", 7.4, 1}, {"IRNGOV", 6.4, 1}, {"IGOUNO", 4, 1}}},
		{"SYR*", schema.Opponents, 10, []ranked{{"RUSMIL", -10, 1}}},
		// A tie at -2 goes to the code.
		{"RUSGOV", schema.Opponents, 10, []ranked{{"UKRGOV", -2, 1}, {"USAGOV", -2, 1}}},
		{"RUSGOV", schema.Supporters, 10, []ranked{{"SYRGOV", 3.4, 1}}},
		{"KORGOV", schema.Opponents, 10, nil},
	}
	for _, tt := range tests {
		got, err := schema.Rank(ctx, s, o, tt.of, tt.stance, time.Time{}, time.Time{}, tt.first)
		if err != nil {
			t.Errorf("Rank(%s, %v): %v", tt.of, tt.stance, err)
			continue
		}
		var rs []ranked
		for _, r := range got {
			rs = append(rs, ranked{r.Code, math.Round(r.Score*1000) / 1000, r.Events})
		}
		if !reflect.DeepEqual(rs, tt.want) {
			t.Errorf("Rank(%s, stance %v, first %d) = %v, want %v", tt.of, tt.stance, tt.first, rs, tt.want)
		}
	}
	// Date range: only E8 of RUSGOV's support falls in 2016.
	got, err := schema.Rank(ctx, s, o, "SYRGOV", schema.Supporters, day("2016-01-01"), time.Time{}, 10)
	if err != nil || len(got) != 1 || got[0].Code != "RUSGOV" || !sameFloat(got[0].Score, 8) {
		t.Errorf("supporters of SYRGOV in 2016 = %+v, %v; want RUSGOV with 8", got, err)
	}
}

// testAggregateCounts checks the counts every row carries for every
// grouping, over date ranges that start and end within months and span
// years (stores may answer whole periods from rollups).
func testAggregateCounts(ctx context.Context, t *testing.T, s schema.Store) {
	row := func(src, tgt string, n int, quads schema.QuadCounts, g10 int, first, last string) schema.AggregateRow {
		return schema.AggregateRow{Source: src, Target: tgt, Count: n, Quads: quads, Goldstein10: g10, First: day(first), Last: day(last)}
	}
	tests := []struct {
		name string
		f    schema.EventFilter
		g    schema.Grouping
		want []schema.AggregateRow
	}{
		// E2 070 +7.0, E3 051 +3.4, E6 061 +6.4, E10 036 +4.0, E8 057 +8.0, E9 190 −10.0
		{"all of SYRGOV", schema.EventFilter{Actors: []string{"SYRGOV"}}, schema.Grouping{},
			[]schema.AggregateRow{row("", "", 6, schema.QuadCounts{3, 2, 0, 1}, 188, "2015-10-01", "2016-01-12")}},
		// Mid-October to mid-January: E6, E10, E8, E9.
		{"partial months", schema.EventFilter{Actors: []string{"SYRGOV"}, From: day("2015-10-15"), To: day("2016-01-13")}, schema.Grouping{},
			[]schema.AggregateRow{row("", "", 4, schema.QuadCounts{2, 1, 0, 1}, 84, "2015-11-20", "2016-01-12")}},
		{"by source over years", schema.EventFilter{Targets: []string{"SYRGOV"}, From: day("2014-03-01"), To: day("2017-01-01")}, schema.Grouping{Source: true},
			[]schema.AggregateRow{
				row("IGOUNO", "", 1, schema.QuadCounts{1, 0, 0, 0}, 40, "2015-11-20", "2015-11-20"),
				row("IRNGOV", "", 1, schema.QuadCounts{0, 1, 0, 0}, 64, "2015-11-20", "2015-11-20"),
				row("RUSGOV", "", 2, schema.QuadCounts{1, 1, 0, 0}, 150, "2015-10-01", "2016-01-12"),
				row("SYRREB", "", 1, schema.QuadCounts{0, 0, 0, 1}, -100, "2016-01-12", "2016-01-12"),
			}},
		{"by dyad from a day on", schema.EventFilter{Actors: []string{"SYRGOV"}, From: day("2015-11-20")}, schema.Grouping{Source: true, Target: true},
			[]schema.AggregateRow{
				row("IGOUNO", "SYRGOV", 1, schema.QuadCounts{1, 0, 0, 0}, 40, "2015-11-20", "2015-11-20"),
				row("IRNGOV", "SYRGOV", 1, schema.QuadCounts{0, 1, 0, 0}, 64, "2015-11-20", "2015-11-20"),
				row("RUSGOV", "SYRGOV", 1, schema.QuadCounts{1, 0, 0, 0}, 80, "2016-01-12", "2016-01-12"),
				row("SYRREB", "SYRGOV", 1, schema.QuadCounts{0, 0, 0, 1}, -100, "2016-01-12", "2016-01-12"),
			}},
		{"empty range", schema.EventFilter{Actors: []string{"SYRGOV"}, From: day("2015-10-02"), To: day("2015-10-02")}, schema.Grouping{Source: true}, nil},
	}
	for _, tt := range tests {
		got, err := s.Aggregate(ctx, tt.f, tt.g)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		sort.Slice(got, func(i, j int) bool {
			return got[i].Source < got[j].Source || got[i].Source == got[j].Source && got[i].Target < got[j].Target
		})
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Aggregate =\n%+v\nwant\n%+v", tt.name, got, tt.want)
		}
	}
}

func testNetwork(ctx context.Context, t *testing.T, s schema.Store, o *cameo.Ontology) {
	type edge struct {
		src, tgt string
		events   int
	}
	tests := []struct {
		name  string
		q     schema.NetworkQuery
		nodes map[string]int
		edges []edge
	}{
		{"one hop", schema.NetworkQuery{Actor: "SYRGOV", Hops: 1},
			map[string]int{"SYRGOV": 0, "RUSGOV": 1, "IRNGOV": 1, "IGOUNO": 1, "SYRREB": 1},
			[]edge{{"IGOUNO", "SYRGOV", 1}, {"IRNGOV", "SYRGOV", 1}, {"RUSGOV", "SYRGOV", 2}, {"SYRGOV", "RUSGOV", 1}, {"SYRREB", "SYRGOV", 1}}},
		{"two hops", schema.NetworkQuery{Actor: "SYRGOV", Hops: 2},
			map[string]int{"SYRGOV": 0, "RUSGOV": 1, "IRNGOV": 1, "IGOUNO": 1, "SYRREB": 1, "USAGOV": 2, "UKRGOV": 2, "RUSMIL": 2},
			[]edge{{"IGOUNO", "SYRGOV", 1}, {"IRNGOV", "SYRGOV", 1}, {"RUSGOV", "SYRGOV", 2}, {"RUSMIL", "SYRREB", 1}, {"SYRGOV", "RUSGOV", 1},
				{"SYRREB", "SYRGOV", 1}, {"UKRGOV", "RUSGOV", 1}, {"USAGOV", "IRNGOV", 1}, {"USAGOV", "RUSGOV", 1}, {"USAGOV", "SYRREB", 1}}},
		// Only the most connected hop-1 node (RUSGOV, 3 events) is expanded.
		{"bounded frontier", schema.NetworkQuery{Actor: "SYRGOV", Hops: 2, MaxFrontier: 1},
			map[string]int{"SYRGOV": 0, "RUSGOV": 1, "IRNGOV": 1, "IGOUNO": 1, "SYRREB": 1, "USAGOV": 2, "UKRGOV": 2},
			[]edge{{"IGOUNO", "SYRGOV", 1}, {"IRNGOV", "SYRGOV", 1}, {"RUSGOV", "SYRGOV", 2}, {"SYRGOV", "RUSGOV", 1},
				{"SYRREB", "SYRGOV", 1}, {"UKRGOV", "RUSGOV", 1}, {"USAGOV", "RUSGOV", 1}}},
		{"min events", schema.NetworkQuery{Actor: "SYRGOV", Hops: 2, MinEvents: 2},
			map[string]int{"SYRGOV": 0, "RUSGOV": 1}, []edge{{"RUSGOV", "SYRGOV", 2}}},
		{"date range", schema.NetworkQuery{Actor: "SYRGOV", Hops: 1, From: day("2016-01-01")},
			map[string]int{"SYRGOV": 0, "RUSGOV": 1, "SYRREB": 1}, []edge{{"RUSGOV", "SYRGOV", 1}, {"SYRREB", "SYRGOV", 1}}},
		{"family centre", schema.NetworkQuery{Actor: "RUS*", Hops: 1},
			map[string]int{"RUSGOV": 0, "RUSMIL": 0, "SYRGOV": 1, "SYRREB": 1, "USAGOV": 1, "TURGOV": 1, "UKRGOV": 1},
			[]edge{{"RUSGOV", "SYRGOV", 2}, {"RUSMIL", "SYRREB", 1}, {"SYRGOV", "RUSGOV", 1}, {"TURGOV", "RUSMIL", 1}, {"UKRGOV", "RUSGOV", 1}, {"USAGOV", "RUSGOV", 1}}},
		{"isolated pair", schema.NetworkQuery{Actor: "JPNGOV", Hops: 3},
			map[string]int{"JPNGOV": 0, "KORGOV": 1}, []edge{{"JPNGOV", "KORGOV", 1}}},
	}
	for _, tt := range tests {
		n, err := schema.ActorNetwork(ctx, s, o, tt.q)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		nodes := map[string]int{}
		for _, nd := range n.Nodes {
			nodes[nd.Code] = nd.Hops
		}
		var edges []edge
		for _, e := range n.Edges {
			edges = append(edges, edge{e.Source, e.Target, e.Events})
		}
		if !reflect.DeepEqual(nodes, tt.nodes) {
			t.Errorf("%s: nodes %v, want %v", tt.name, nodes, tt.nodes)
		}
		if !reflect.DeepEqual(edges, tt.edges) {
			t.Errorf("%s: edges %v, want %v", tt.name, edges, tt.edges)
		}
	}
	// The RUSGOV→SYRGOV edge carries a signed weight: 7.0 + 8.0.
	n, err := schema.ActorNetwork(ctx, s, o, schema.NetworkQuery{Actor: "SYRGOV", Hops: 1, MinEvents: 2})
	if err != nil || len(n.Edges) != 1 || !sameFloat(n.Edges[0].GoldsteinSum, 15) || n.Edges[0].Quads != (schema.QuadCounts{1, 1, 0, 0}) {
		t.Errorf("weighted edge = %+v, %v; want Goldstein 15 and quads [1 1 0 0]", n.Edges, err)
	}
}

func testPath(ctx context.Context, t *testing.T, s schema.Store) {
	tests := []struct {
		from, to string
		maxHops  int
		want     []string
	}{
		// Links count in either direction: IGOUNO→SYRGOV is walked backwards.
		{"UKRGOV", "IGOUNO", 6, []string{"UKRGOV", "RUSGOV", "SYRGOV", "IGOUNO"}},
		{"IGOUNO", "UKRGOV", 6, []string{"IGOUNO", "SYRGOV", "RUSGOV", "UKRGOV"}},
		{"TURGOV", "IGOUNO", 4, []string{"TURGOV", "RUSMIL", "SYRREB", "SYRGOV", "IGOUNO"}},
		{"TURGOV", "IGOUNO", 3, nil},
		{"RUSGOV", "SYRGOV", 2, []string{"RUSGOV", "SYRGOV"}},
		{"JPNGOV", "RUSGOV", 6, nil},
		{"RUSGOV", "RUSGOV", 3, []string{"RUSGOV"}},
		{"NOPE", "RUSGOV", 3, nil},
	}
	for _, tt := range tests {
		got, err := s.Path(ctx, tt.from, tt.to, tt.maxHops)
		if err != nil {
			t.Errorf("Path(%s, %s, %d): %v", tt.from, tt.to, tt.maxHops, err)
			continue
		}
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Path(%s, %s, %d) = %v, want %v", tt.from, tt.to, tt.maxHops, got, tt.want)
		}
	}
}

// SortedRows formats aggregate rows one per string, sorted, so that tests
// can compare row sets whatever order a store returns them in.
func SortedRows(rows []schema.AggregateRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprintf("%+v", r)
	}
	sort.Strings(out)
	return out
}

package sqlite

import (
	"context"
	"encoding/base64"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/storetest"
)

func writeAll(t *testing.T, s *Store, batches []schema.Batch) schema.WriteResult {
	t.Helper()
	var total schema.WriteResult
	for i, b := range batches {
		r, err := s.Write(context.Background(), b)
		if err != nil {
			t.Fatalf("write batch %d: %v", i, err)
		}
		total.Add(r)
	}
	return total
}

func day(s string) time.Time {
	t, err := time.Parse(schema.DayLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestMigrationsOnReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	versions := func(s *Store) []string {
		t.Helper()
		rows, err := s.r.QueryContext(ctx, `SELECT version || ' ' || applied_at FROM schema_migrations ORDER BY version`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
		return out
	}

	s, err := open(ctx, path, migrations)
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, s, storetest.FixtureBatches())
	v1 := versions(s)
	if len(v1) != len(migrations) {
		t.Fatalf("fresh database has versions %v, want %d", v1, len(migrations))
	}
	s.Close()

	more := append(append([]string(nil), migrations...), `CREATE TABLE extra (x INTEGER); INSERT INTO extra VALUES (42);`)
	for reopen := 0; reopen < 2; reopen++ { // the second reopen applies nothing
		s, err = open(ctx, path, more)
		if err != nil {
			t.Fatalf("reopen %d: %v", reopen, err)
		}
		v2 := versions(s)
		if len(v2) != len(more) || !reflect.DeepEqual(v2[:len(v1)], v1) {
			t.Errorf("reopen %d: versions %v, want %v and one more", reopen, v2, v1)
		}
		var rows int
		if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM extra`).Scan(&rows); err != nil || rows != 1 {
			t.Errorf("reopen %d: extra has %d rows (%v), want the migration applied once", reopen, rows, err)
		}
		if st, err := s.Stats(ctx); err != nil || st.Events != 13 {
			t.Errorf("reopen %d: stats %+v, %v; want the fixture kept", reopen, st, err)
		}
		s.Close()
	}

	if s, err := open(ctx, path, migrations); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("opening a newer database: error %v, want one saying it is newer", err)
		if err == nil {
			s.Close()
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	for _, tt := range []struct{ day, id string }{
		{"2015-09-30", schema.EventID("RUSMIL", "SYRREB", "195", day("2015-09-30"), nil)},
		{"1900-01-01", "ev_000000000000000000000000"},
		{"2099-12-31", "x|with|bars"},
	} {
		c := encodeCursor(tt.day, tt.id)
		d, id, err := decodeCursor(c)
		if err != nil || d != tt.day || id != tt.id {
			t.Errorf("decodeCursor(encodeCursor(%q, %q)) = %q, %q, %v", tt.day, tt.id, d, id, err)
		}
		if strings.ContainsAny(c, "+/=") {
			t.Errorf("cursor %q is not URL-safe", c)
		}
	}
}

func TestMalformedCursor(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	writeAll(t, s, storetest.FixtureBatches())
	b64 := base64.RawURLEncoding.EncodeToString
	for _, c := range []string{
		"not a cursor!",
		"====",
		b64([]byte("no separator")),
		b64([]byte("2015-13-40|ev_x")),
		b64([]byte("2015-10-01|")),
		b64([]byte("|ev_x")),
	} {
		_, err := s.Events(context.Background(), schema.EventFilter{}, schema.PageRequest{After: c})
		if err == nil || !strings.Contains(err.Error(), "malformed cursor") {
			t.Errorf("Events after %q: error %v, want a malformed cursor", c, err)
		}
	}
}

func TestPagesFollowCursors(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	writeAll(t, s, storetest.FixtureBatches())
	all, err := s.Events(ctx, schema.EventFilter{}, schema.PageRequest{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range all.Cursors {
		page, err := s.Events(ctx, schema.EventFilter{}, schema.PageRequest{First: 1, After: c})
		if err != nil {
			t.Fatal(err)
		}
		if i+1 == len(all.Events) {
			if len(page.Events) != 0 || page.HasNext {
				t.Errorf("after the last cursor: %d events, HasNext %v", len(page.Events), page.HasNext)
			}
			continue
		}
		if len(page.Events) != 1 || page.Events[0].ID != all.Events[i+1].ID || page.Total != len(all.Events) {
			t.Errorf("after cursor %d: %+v, want event %d", i, page, i+1)
		}
	}
}

func TestMemoryDatabase(t *testing.T) {
	s, err := Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	writeAll(t, s, storetest.FixtureBatches())
	st, err := s.Stats(context.Background())
	if err != nil || st.Events != 13 {
		t.Errorf("Stats = %+v, %v; want 13 events", st, err)
	}
}

func TestBucketKeysMatchSchema(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	var days []time.Time
	for d := day("2015-12-01"); d.Before(day("2017-03-01")); d = d.AddDate(0, 0, 1) {
		days = append(days, d)
	}
	days = append(days, schema.MinDate, schema.MaxDate.AddDate(0, 0, -1))
	for b, expr := range bucketKeys {
		for _, d := range days {
			var got string
			err := s.r.QueryRow(`SELECT `+expr+` FROM (SELECT ? AS day) e`, d.Format(schema.DayLayout)).Scan(&got)
			if err != nil {
				t.Fatal(err)
			}
			if want := b.Key(d); got != want {
				t.Errorf("%s key of %s = %s, want %s", b, d.Format(schema.DayLayout), got, want)
			}
		}
	}
}

// chain returns one batch linking the actors in order, each to the next.
func chain(article string, codes ...string) schema.Batch {
	b := schema.Batch{Articles: []schema.Article{{ID: article, Outlet: "AP", Published: day("2020-01-01")}}}
	for i := 1; i < len(codes); i++ {
		b.Events = append(b.Events, schema.Event{
			Source: schema.Actor{Code: codes[i-1]}, Target: schema.Actor{Code: codes[i]}, Code: "040", Date: day("2020-01-01"),
			Mentions: []schema.Mention{{ArticleID: article, SentenceIndex: i, Sentence: "s"}},
		})
	}
	return b
}

func TestPath(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	writeAll(t, s, []schema.Batch{
		chain("a1", "USAGOV", "FRAGOV", "RUSGOV"),
		chain("a2", "USAGOV", "DEUGOV", "RUSGOV"), // same length, smaller middle
		chain("a3", "AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH"),
	})
	tests := []struct {
		from, to string
		maxHops  int
		want     []string
	}{
		{"USAGOV", "RUSGOV", 6, []string{"USAGOV", "DEUGOV", "RUSGOV"}},
		{"rusgov", " usagov", 6, []string{"RUSGOV", "DEUGOV", "USAGOV"}},
		{"USAGOV", "RUSGOV", 1, nil},
		{"USAGOV", "RUSGOV", 0, nil},
		{"AAA", "GGG", 6, []string{"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"}},
		{"AAA", "HHH", 100, nil}, // 7 hops, more than MaxPathHops
		{"AAA", "AAA", 0, []string{"AAA"}},
		{"ZZZ", "ZZZ", 3, nil},
	}
	for _, tt := range tests {
		got, err := s.Path(ctx, tt.from, tt.to, tt.maxHops)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Path(%q, %q, %d) = %v, %v; want %v", tt.from, tt.to, tt.maxHops, got, err, tt.want)
		}
	}
	for _, bad := range []string{"RUS*", "", "RU S"} {
		if _, err := s.Path(ctx, bad, "RUSGOV", 3); err == nil {
			t.Errorf("Path(%q, ...): no error", bad)
		}
	}
}

func TestFilterBoundsWithinADay(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	writeAll(t, s, storetest.FixtureBatches())
	noon := func(d string) time.Time { return day(d).Add(12 * time.Hour) }
	tests := []struct {
		f    schema.EventFilter
		want int
	}{
		{schema.EventFilter{From: day("2015-10-01"), To: day("2015-10-02")}, 2},
		{schema.EventFilter{From: noon("2015-10-01"), To: day("2015-10-15")}, 3}, // not 10-01, up to 10-14
		{schema.EventFilter{From: day("2015-10-01"), To: noon("2015-10-01")}, 2}, // the day is before noon
		{schema.EventFilter{From: noon("2015-09-30").In(time.FixedZone("UTC+14", 14*3600))}, 12},
	}
	for _, tt := range tests {
		page, err := s.Events(ctx, tt.f, schema.PageRequest{})
		if err != nil || page.Total != tt.want {
			t.Errorf("Events(%v–%v): Total %d, %v; want %d", tt.f.From, tt.f.To, page.Total, err, tt.want)
		}
	}
}

func TestFilterValidation(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	for _, f := range []schema.EventFilter{
		{Sources: []string{"RU S"}},
		{Targets: []string{"*"}},
		{Actors: []string{"ok", "b@d"}},
		{CodePrefix: "19%"},
		{CodePrefix: "12345"},
		{Quads: []int{0}},
	} {
		if _, err := s.Events(context.Background(), f, schema.PageRequest{}); err == nil {
			t.Errorf("Events(%+v): no error", f)
		}
		if _, err := s.Aggregate(context.Background(), f, schema.Grouping{Code: true}); err == nil {
			t.Errorf("Aggregate(%+v): no error", f)
		}
	}
	if _, err := s.Aggregate(context.Background(), schema.EventFilter{}, schema.Grouping{Bucket: "DECADE"}); err == nil {
		t.Error("Aggregate by an unknown bucket: no error")
	}
}

func TestLongSelectorLists(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	writeAll(t, s, storetest.FixtureBatches())
	long := []string{"SYRGOV"}
	for i := 0; len(long) <= maxInlineList; i++ {
		long = append(long, fmt.Sprintf("X%05d", i))
	}
	for _, tt := range []struct{ long, short schema.EventFilter }{
		{schema.EventFilter{Actors: long}, schema.EventFilter{Actors: long[:1]}},
		{schema.EventFilter{Targets: long}, schema.EventFilter{Targets: long[:1]}},
	} {
		a, errA := s.Events(ctx, tt.long, schema.PageRequest{})
		b, errB := s.Events(ctx, tt.short, schema.PageRequest{})
		if errA != nil || errB != nil || a.Total != b.Total || a.Total == 0 {
			t.Errorf("%d selectors: %d events (%v); one selector: %d (%v)", len(long), a.Total, errA, b.Total, errB)
		}
	}
}

func TestAggregateWithoutGrouping(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	writeAll(t, s, storetest.FixtureBatches())
	rows, err := s.Aggregate(ctx, schema.EventFilter{Actors: []string{"SYRGOV"}}, schema.Grouping{})
	want := []schema.AggregateRow{{Count: 6, Quads: schema.QuadCounts{3, 2, 0, 1}, Goldstein10: 188, First: day("2015-10-01"), Last: day("2016-01-12")}} // 070 051 061 036 057 190: 7+3.4+6.4+4+8-10
	if err != nil || !reflect.DeepEqual(rows, want) {
		t.Errorf("Aggregate = %+v, %v; want %+v", rows, err, want)
	}
	rows, err = s.Aggregate(ctx, schema.EventFilter{Actors: []string{"NOPE"}}, schema.Grouping{})
	if err != nil || len(rows) != 0 {
		t.Errorf("Aggregate of nothing = %+v, %v; want no rows", rows, err)
	}
}

func TestOutletsCountAsStored(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	art := func(id, outlet string) schema.Article {
		return schema.Article{ID: id, Outlet: outlet, Published: day("2020-01-01")}
	}
	ev := func(article string, sentence int) schema.Event {
		return schema.Event{Source: schema.Actor{Code: "USAGOV"}, Target: schema.Actor{Code: "RUSGOV"}, Code: "040", Date: day("2020-01-01"),
			Mentions: []schema.Mention{{ArticleID: article, SentenceIndex: sentence, Sentence: "s"}}}
	}
	other := ev("a", 0)
	other.Code = "111"
	steps := []struct {
		b                       schema.Batch
		want                    schema.WriteResult
		mentions, outlets, evts int
	}{
		{schema.Batch{Articles: []schema.Article{art("a", "AP")}, Events: []schema.Event{ev("a", 0)}},
			schema.WriteResult{NewArticles: 1, NewEvents: 1, NewMentions: 1}, 1, 1, 1},
		// Article a again, now claiming another outlet: the stored AP counts.
		{schema.Batch{Articles: []schema.Article{art("a", "Reuters"), art("b", "")}, Events: []schema.Event{ev("a", 1), ev("b", 0), other}},
			schema.WriteResult{NewArticles: 1, NewEvents: 1, NewMentions: 3, MergedEvents: 1}, 3, 1, 2},
		{schema.Batch{Articles: []schema.Article{art("c", "AFP")}, Events: []schema.Event{ev("c", 0)}},
			schema.WriteResult{NewArticles: 1, NewMentions: 1, MergedEvents: 1}, 4, 2, 2},
	}
	for i, st := range steps {
		r, err := s.Write(ctx, st.b)
		if err != nil || r != st.want {
			t.Fatalf("step %d: Write = %+v, %v; want %+v", i, r, err, st.want)
		}
		page, err := s.Events(ctx, schema.EventFilter{CodePrefix: "040"}, schema.PageRequest{})
		if err != nil || len(page.Events) != 1 {
			t.Fatalf("step %d: Events = %+v, %v", i, page, err)
		}
		if e := page.Events[0]; e.NumMentions != st.mentions || e.NumOutlets != st.outlets || len(e.Mentions) != st.mentions {
			t.Errorf("step %d: %d mentions (%d loaded), %d outlets; want %d, %d", i, e.NumMentions, len(e.Mentions), e.NumOutlets, st.mentions, st.outlets)
		}
		page, _ = s.Events(ctx, schema.EventFilter{CodePrefix: "111"}, schema.PageRequest{})
		if st.evts == 2 && (len(page.Events) != 1 || page.Events[0].NumOutlets != 1) {
			t.Errorf("step %d: new event citing a stored article: %+v, want 1 outlet (AP)", i, page.Events)
		}
	}
}

func TestSearchActorsBeyondASCII(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	b := chain("a1", "CIVGOV", "FRAGOV")
	b.Events[0].Source.Name = "Côte d'Ivoire"
	writeAll(t, s, []schema.Batch{b})
	for _, q := range []string{"CÔTE", "côte", "civ", "IVOIRE"} {
		got, err := s.SearchActors(ctx, q, 0)
		if err != nil || len(got) != 1 || got[0].Code != "CIVGOV" || got[0].AsSource != 1 {
			t.Errorf("SearchActors(%q) = %+v, %v; want CIVGOV", q, got, err)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	b := storetest.FixtureBatches()[0]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Write(ctx, b); err == nil {
		t.Error("Write with a cancelled context: no error")
	}
	b.Events[0].Code = "999"
	_, err := s.Write(context.Background(), b)
	if err == nil || !strings.HasPrefix(err.Error(), "sqlite: write batch: ") {
		t.Errorf("Write of an invalid batch: %v, want a wrapped error", err)
	}
	if st, _ := s.Stats(context.Background()); st != (schema.Stats{}) {
		t.Errorf("Stats after failed writes = %+v, want nothing", st)
	}
}

func TestQueryPlansUseIndexes(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	writeAll(t, s, storetest.FixtureBatches())
	tests := []struct {
		f    schema.EventFilter
		want []string
	}{
		{schema.EventFilter{Sources: []string{"RUSGOV"}}, []string{"events_dyad (src=?)"}},
		{schema.EventFilter{Sources: []string{"RUSGOV"}, Targets: []string{"SYRGOV"}}, []string{"USING COVERING INDEX"}},
		{schema.EventFilter{Targets: []string{"SYR*"}}, []string{"events_target (tgt>? AND tgt<?)"}},
		{schema.EventFilter{Actors: []string{"SYRGOV"}}, []string{"events_dyad (src=?)", "events_target (tgt=?)"}},
		{schema.EventFilter{CodePrefix: "19"}, []string{"events_code (code>? AND code<?)"}},
	}
	for _, tt := range tests {
		w, err := eventWhere(tt.f)
		if err != nil {
			t.Fatal(err)
		}
		plan := explain(t, s, "SELECT COUNT(*) FROM events e"+w.String(), w.args...)
		for _, want := range tt.want {
			if !strings.Contains(plan, want) {
				t.Errorf("plan for %+v:\n%s\nwant %s", tt.f, plan, want)
			}
		}
	}
	// A page of all events is read in index order, not sorted, either way.
	for _, newest := range []bool{false, true} {
		cmp := ">"
		if newest {
			cmp = "<"
		}
		w := (&where{}).with("(e.day, e.id) "+cmp+" (?, ?)", "2015-10-01", "ev_")
		plan := explain(t, s, eventsPage(w, newest, false), append(w.args, 51)...)
		if !strings.Contains(plan, "events_day_id ((day,id)"+cmp+"(?,?))") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("plan for a page of all events (newest %v):\n%s\nwant a scan of events_day_id without sorting", newest, plan)
		}
	}
}

func explain(t *testing.T, s *Store, q string, args ...any) string {
	t.Helper()
	rows, err := s.r.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, detail)
	}
	return b.String()
}

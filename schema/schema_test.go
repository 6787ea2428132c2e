package schema

import (
	"errors"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/schema/cameo"
)

func TestBucketStart(t *testing.T) {
	tests := []struct {
		bucket Bucket
		in     string
		start  string
		next   string
	}{
		{BucketDay, "2015-09-30", "2015-09-30", "2015-10-01"},
		{BucketWeek, "2015-09-30", "2015-09-28", "2015-10-05"}, // Wednesday → Monday
		{BucketWeek, "2015-09-28", "2015-09-28", "2015-10-05"}, // Monday stays
		{BucketWeek, "2015-10-04", "2015-09-28", "2015-10-05"}, // Sunday belongs to the week before
		{BucketMonth, "2016-02-29", "2016-02-01", "2016-03-01"},
		{BucketYear, "2016-12-31", "2016-01-01", "2017-01-01"},
	}
	for _, tt := range tests {
		in, _ := time.Parse(DayLayout, tt.in)
		s := tt.bucket.Start(in.Add(15 * time.Hour))
		if got := s.Format(DayLayout); got != tt.start {
			t.Errorf("%s.Start(%s) = %s, want %s", tt.bucket, tt.in, got, tt.start)
		}
		if got := tt.bucket.Next(s).Format(DayLayout); got != tt.next {
			t.Errorf("%s.Next(%s) = %s, want %s", tt.bucket, tt.start, got, tt.next)
		}
	}
	if _, err := ParseBucket("FORTNIGHT"); err == nil {
		t.Error("ParseBucket(FORTNIGHT): no error")
	}
}

func TestSelector(t *testing.T) {
	tests := []struct {
		sel     string
		code    string
		matches bool
	}{
		{"RUS*", "RUSMIL", true},
		{"rus*", "RUS", true},
		{"RUS", "RUSMIL", false},
		{"RUS", "RUS", true},
		{"RUSGOV*", "RUSMIL", false},
		{"IGO*", "IGOUNO", true},
	}
	for _, tt := range tests {
		s, err := ParseSelector(tt.sel)
		if err != nil {
			t.Fatalf("ParseSelector(%q): %v", tt.sel, err)
		}
		if got := s.Matches(tt.code); got != tt.matches {
			t.Errorf("%q matches %q = %v, want %v", tt.sel, tt.code, got, tt.matches)
		}
		if lo, hi := s.Range(); s.Prefix && (tt.code >= lo && tt.code < hi) != tt.matches {
			t.Errorf("%q range [%s,%s) disagrees with Matches for %q", tt.sel, lo, hi, tt.code)
		}
	}
	for _, bad := range []string{"", "*", "RU S", "RUS;DROP", "rüs"} {
		if _, err := ParseSelector(bad); err == nil {
			t.Errorf("ParseSelector(%q): no error", bad)
		}
	}
}

func TestPrepareMergesDuplicates(t *testing.T) {
	pub := time.Date(2015, 9, 30, 12, 0, 0, 0, time.UTC)
	ev := Event{
		Source: Actor{Code: "rusmil"}, Target: Actor{Code: "SYR", Name: "Syria"}, Code: "195",
		Date:     pub.Add(3 * time.Hour),
		Mentions: []Mention{{ArticleID: "a", SentenceIndex: 0, Sentence: "s0"}},
	}
	ev2 := ev
	ev2.Mentions = []Mention{{ArticleID: "a", SentenceIndex: 0, Sentence: "s0"}, {ArticleID: "a", SentenceIndex: 3, Sentence: "s3"}}
	b, err := Prepare(Batch{
		Articles: []Article{{ID: "a", Published: pub}, {ID: "a", Published: pub}},
		Events:   []Event{ev, ev2},
	}, cameo.MustStandard())
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Articles) != 1 || len(b.Events) != 1 || len(b.Events[0].Mentions) != 2 {
		t.Fatalf("Prepare kept %d articles, %d events, %d mentions; want 1, 1, 2", len(b.Articles), len(b.Events), len(b.Events[0].Mentions))
	}
	e := b.Events[0]
	if e.Source.Code != "RUSMIL" || e.Source.Name != "RUSMIL" || e.Root != "19" || e.Quad != 4 || e.Goldstein != -10 {
		t.Errorf("normalised event = %+v", e)
	}
	if !e.Date.Equal(time.Date(2015, 9, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date = %v, want the UTC day", e.Date)
	}
	if e.ID != EventID("RUSMIL", "SYR", "195", e.Date, nil) {
		t.Errorf("ID = %s, not EventID of its fields", e.ID)
	}
	_, err = Prepare(Batch{Articles: []Article{{ID: "a"}}}, cameo.MustStandard())
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "published" {
		t.Errorf("article without publication time: %v, want a published field error", err)
	}
}

func TestEventIDDependsOnPlace(t *testing.T) {
	d := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	a := EventID("A", "B", "190", d, nil)
	b := EventID("A", "B", "190", d, &Place{Name: "Aleppo", Country: "SYR"})
	c := EventID("A", "B", "190", d, &Place{Name: " aleppo ", Country: "syr"})
	if a == b || b != c {
		t.Errorf("IDs: none %s, Aleppo %s, aleppo %s; want place to matter, case not", a, b, c)
	}
}

func TestSumText(t *testing.T) {
	r := AggregateRow{Count: 12, Quads: QuadCounts{5, 4, 0, 3}, Goldstein10: -37,
		First: time.Date(2015, 3, 9, 0, 0, 0, 0, time.UTC), Last: time.Date(2016, 12, 31, 0, 0, 0, 0, time.UTC)}
	text := string(AppendSum(nil, r))
	if text != "12 5 4 0 3 -37 2015-03-09 2016-12-31" {
		t.Errorf("AppendSum = %q", text)
	}
	var got AggregateRow
	if err := ParseSum(text, &got); err != nil || got != r {
		t.Errorf("ParseSum(%q) = %+v, %v; want %+v", text, got, err, r)
	}
	for _, bad := range []string{"", "12 5 4 0 3 -37 2015-03-09", "12 5 4 0 3 x 2015-03-09 2016-12-31",
		"12 5 4 0 3 -37 2015-02-30 2016-12-31", "12 5 4 0 3 -37 2015-3-09 2016-12-31", "12 5 4 0 3 -37 2015-03-09 2016-12-31 extra"} {
		if err := ParseSum(bad, &got); err == nil {
			t.Errorf("ParseSum(%q): no error", bad)
		}
	}
}

func TestKeyedSums(t *testing.T) {
	a := AggregateRow{Count: 1, Quads: QuadCounts{1, 0, 0, 0}, Goldstein10: 34, First: time.Date(2015, 1, 2, 0, 0, 0, 0, time.UTC), Last: time.Date(2015, 1, 2, 0, 0, 0, 0, time.UTC)}
	b := a
	b.Count, b.Quads = 2, QuadCounts{0, 0, 2, 0}
	list := string(AppendKeyedSum(AppendKeyedSum(nil, "RUSGOV", a), "SYRREB", b))
	if list != "RUSGOV 1 1 0 0 0 34 2015-01-02 2015-01-02;SYRREB 2 0 0 2 0 34 2015-01-02 2015-01-02;" {
		t.Errorf("list = %q", list)
	}
	got := map[string]AggregateRow{}
	if err := ParseKeyedSums(list, func(k string, r AggregateRow) error { got[k] = r; return nil }); err != nil || got["RUSGOV"] != a || got["SYRREB"] != b || len(got) != 2 {
		t.Errorf("ParseKeyedSums = %v, %v", got, err)
	}
	if err := ParseKeyedSums("RUSGOV;", func(string, AggregateRow) error { return nil }); err == nil {
		t.Error("ParseKeyedSums of an entry without a sum: no error")
	}
}

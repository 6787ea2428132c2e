package coder

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/schema"
)

// FuzzResolveDates tokenizes arbitrary text and resolves its date
// expressions against a publication day between 1900 and 2099. Relative
// expressions ("on Monday", "last month", "Sept. 14") must land within
// about a year of the publication day; only an explicit year may take a
// date further away, and then the date is in that year and in the range
// the store accepts for event dates. Weekdays and yesterday/today/tomorrow
// are checked exactly.
// Seeds live in testdata/fuzz/FuzzResolveDates.
func FuzzResolveDates(f *testing.F) {
	for _, s := range []string{
		"Russia attacked Ukraine on Monday.",
		"Next Monday talks resume; last Tuesday they broke off. Talks on Sunday.",
		"Yesterday, today, tonight and tomorrow.",
		"Last week, this month, next year, last weekend, the past year, earlier this week.",
		"On Sept. 14, 2015 and on 14 September 2011 and in September 2099, in May, last March, early June.",
		"On Feb. 31 and Dec 31st and January 1st, 2099 and March 3rd 1899.",
		"In 2011 and in 1900 and in 2999 and in September 2011 and since 1999 until Friday, before Thursday.",
		"may march MAY MARCH Jan. 0 Jun 32 Oct 1,2015",
		"U.S. officials said on Wed. that they didn't attack Iraq's army on Sept. 11.",
		"", "\x00\xff\xfe", "Monday Monday next next last",
	} {
		f.Add(s, int64(16595)) // 2015-06-09, a Tuesday
	}
	f.Add("December 31 and January 1", int64(-25567))                  // 1900-01-01
	f.Add("next Saturday in 2100 and Dec. 31 last year", int64(47481)) // 2099-12-31
	f.Fuzz(func(t *testing.T, text string, pubDay int64) {
		if len(text) > 4096 {
			return
		}
		pub := fuzzPubDay(pubDay)
		toks := tokenize(normalizeText(text))
		ds := resolveDates(toks, pub)
		last := -1
		for _, d := range ds {
			if d.pos <= last || d.pos >= len(toks) {
				t.Fatalf("date at token %d after token %d of %d", d.pos, last, len(toks))
			}
			last = d.pos
			if d.day.Location() != time.UTC || d.day.Hour() != 0 || d.day.Minute() != 0 || d.day.Second() != 0 || d.day.Nanosecond() != 0 {
				t.Errorf("%q at token %d: %v is not a UTC day", toks[d.pos].text, d.pos, d.day)
			}
			dist := d.day.Sub(pub)
			if dist < 0 {
				dist = -dist
			}
			if dist <= 400*24*time.Hour {
				continue
			}
			// Further than a year from pub: only with an explicit year,
			// which is the date's year and one the store accepts (event
			// dates in [schema.MinDate, schema.MaxDate), 1900–2099);
			// otherwise the store rejects the article's events.
			explicit := false
			for k := max(0, d.pos-2); k <= min(len(toks)-1, d.pos+3); k++ {
				if y, err := strconv.Atoi(toks[k].up); err == nil && y == d.day.Year() {
					explicit = true
				}
			}
			if !explicit {
				t.Errorf("%q at token %d (in %q): %s is %d days from %s without an explicit year",
					toks[d.pos].text, d.pos, tokenWindow(toks, d.pos), d.day.Format(time.DateOnly), int(dist.Hours()/24), pub.Format(time.DateOnly))
			}
			if d.day.Before(schema.MinDate) || !d.day.Before(schema.MaxDate) {
				t.Errorf("%q at token %d (in %q): %s is outside the store's %s–%s",
					toks[d.pos].text, d.pos, tokenWindow(toks, d.pos), d.day.Format(time.DateOnly), schema.MinDate.Format(time.DateOnly), schema.MaxDate.Format(time.DateOnly))
			}
		}
		for _, d := range ds {
			u := toks[d.pos].up
			if wd, ok := weekdays[u]; ok {
				// A weekday is the one in the week around pub.
				if d.day.Weekday() != wd || d.day.Before(pub.AddDate(0, 0, -7)) || d.day.After(pub.AddDate(0, 0, 7)) {
					t.Errorf("%q resolved to %s (%s) against %s", u, d.day.Format(time.DateOnly), d.day.Weekday(), pub.Format(time.DateOnly))
				}
			}
			want := map[string]time.Time{"YESTERDAY": pub.AddDate(0, 0, -1), "TODAY": pub, "TONIGHT": pub, "TOMORROW": pub.AddDate(0, 0, 1)}
			if w, ok := want[u]; ok && !d.day.Equal(w) {
				t.Errorf("%q resolved to %s against %s", u, d.day.Format(time.DateOnly), pub.Format(time.DateOnly))
			}
		}
	})
}

// fuzzPubDay maps n, days since 1970-01-01, to a publication day the store
// accepts: in [schema.MinDate, schema.MaxDate), 1900–2099, wrapping around.
func fuzzPubDay(n int64) time.Time {
	days := int64(schema.MaxDate.Sub(schema.MinDate) / (24 * time.Hour))
	epoch := int64(time.Unix(0, 0).UTC().Sub(schema.MinDate) / (24 * time.Hour))
	d := (n%days + epoch) % days
	if d < 0 {
		d += days
	}
	return schema.MinDate.AddDate(0, 0, int(d))
}

// tokenWindow shows the tokens around pos, for messages.
func tokenWindow(toks []token, pos int) string {
	var b strings.Builder
	for k := max(0, pos-3); k <= min(len(toks)-1, pos+3); k++ {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].text)
	}
	return b.String()
}

package coder

import (
	"strconv"
	"strings"
	"time"
)

// dateExpr is a resolved date expression at token pos.
type dateExpr struct {
	pos  int
	day  time.Time
	weak bool // after "since": not the event date
	back int  // "a day earlier": days before the nearest other date (resolved last)
}

var weekdays = map[string]time.Weekday{
	"MONDAY": time.Monday, "TUESDAY": time.Tuesday, "WEDNESDAY": time.Wednesday, "THURSDAY": time.Thursday,
	"FRIDAY": time.Friday, "SATURDAY": time.Saturday, "SUNDAY": time.Sunday,
}

var months = map[string]time.Month{
	"JANUARY": 1, "JAN": 1, "JAN.": 1, "FEBRUARY": 2, "FEB": 2, "FEB.": 2, "MARCH": 3, "MAR.": 3, "APRIL": 4, "APR": 4, "APR.": 4,
	"MAY": 5, "JUNE": 6, "JUN": 6, "JUN.": 6, "JULY": 7, "JUL": 7, "JUL.": 7, "AUGUST": 8, "AUG": 8, "AUG.": 8,
	"SEPTEMBER": 9, "SEPT": 9, "SEPT.": 9, "SEP": 9, "SEP.": 9, "OCTOBER": 10, "OCT": 10, "OCT.": 10,
	"NOVEMBER": 11, "NOV": 11, "NOV.": 11, "DECEMBER": 12, "DEC": 12, "DEC.": 12,
}

// countWords are the spelled-out counts of "two years ago".
var countWords = map[string]int{"A": 1, "AN": 1, "ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6,
	"SEVEN": 7, "EIGHT": 8, "NINE": 9, "TEN": 10, "ELEVEN": 11, "TWELVE": 12, "SEVERAL": 3, "FEW": 3}

// resolveDates finds date expressions in toks, resolved against pub (a UTC
// day). Weekdays mean the most recent such day on or before pub ("next
// Monday" the following one); a month and day without a year is the most
// recent such date not more than a week after pub; "in 2011" is 1 January
// 2011 (or pub within pub's own year).
func resolveDates(toks []token, pub time.Time) []dateExpr {
	if pub.IsZero() {
		return nil
	}
	pub = time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	var out []dateExpr
	up := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return toks[i].up
	}
	for i := range toks {
		u := toks[i].up
		// ("last year's annulled election", "Sunday's attack": a date that
		// modifies a noun dates that noun, not the clause's verb)
		weak := up(i-1) == "SINCE" || up(i-2) == "SINCE" || up(i-1) == "UNTIL" || up(i-1) == "BEFORE" || sinceClause(toks, i) || up(i+1) == "'S"
		// "a day earlier", "two days earlier", "the previous day": a day
		// counted back from the date before it in the sentence (else the
		// publication date)
		if n, ok := daysBack(toks, i); ok {
			out = append(out, dateExpr{pos: i, weak: weak, back: n})
			continue
		}
		if wd, ok := weekdays[u]; ok {
			d := pub
			if up(i-1) == "NEXT" {
				d = d.AddDate(0, 0, 1)
				for d.Weekday() != wd {
					d = d.AddDate(0, 0, 1)
				}
			} else {
				for d.Weekday() != wd {
					d = d.AddDate(0, 0, -1)
				}
				if up(i-1) == "LAST" && d.Equal(pub) {
					d = d.AddDate(0, 0, -7)
				}
			}
			out = append(out, dateExpr{pos: i, day: d, weak: weak})
			continue
		}
		switch u {
		case "YESTERDAY":
			out = append(out, dateExpr{pos: i, day: pub.AddDate(0, 0, -1), weak: weak})
			continue
		case "TODAY", "TONIGHT":
			out = append(out, dateExpr{pos: i, day: pub, weak: weak})
			continue
		case "TOMORROW":
			out = append(out, dateExpr{pos: i, day: pub.AddDate(0, 0, 1), weak: weak})
			continue
		case "AGO":
			// "two years ago", "three days ago", "a week ago"
			n, ok := countWords[up(i-2)]
			if !ok {
				if v, err := strconv.Atoi(up(i - 2)); err == nil && v > 0 && v < 100 {
					n, ok = v, true
				}
			}
			if !ok {
				continue
			}
			switch strings.TrimSuffix(up(i-1), "S") {
			case "DAY":
				out = append(out, dateExpr{pos: i, day: pub.AddDate(0, 0, -n), weak: weak})
			case "WEEK":
				out = append(out, dateExpr{pos: i, day: pub.AddDate(0, 0, -7*n), weak: weak})
			case "MONTH":
				out = append(out, dateExpr{pos: i, day: pub.AddDate(0, -n, 0), weak: weak})
			case "YEAR":
				out = append(out, dateExpr{pos: i, day: pub.AddDate(-n, 0, 0), weak: weak})
			}
			continue
		case "WEEK", "MONTH", "YEAR", "WEEKEND":
			switch up(i - 1) {
			case "LAST", "PAST":
				if up(i-2) == "THE" && u != "WEEKEND" {
					continue // "the past week" is a duration
				}
				switch u {
				case "WEEK":
					out = append(out, dateExpr{pos: i, day: pub.AddDate(0, 0, -7), weak: weak})
				case "WEEKEND":
					d := pub
					for d.Weekday() != time.Saturday {
						d = d.AddDate(0, 0, -1)
					}
					out = append(out, dateExpr{pos: i, day: d, weak: weak})
				case "MONTH":
					out = append(out, dateExpr{pos: i, day: pub.AddDate(0, -1, 0), weak: weak})
				case "YEAR":
					out = append(out, dateExpr{pos: i, day: pub.AddDate(-1, 0, 0), weak: weak})
				}
			case "THIS", "EARLIER":
				out = append(out, dateExpr{pos: i, day: pub, weak: weak})
			case "NEXT":
				switch u {
				case "WEEK":
					out = append(out, dateExpr{pos: i, day: pub.AddDate(0, 0, 7), weak: weak})
				case "MONTH":
					out = append(out, dateExpr{pos: i, day: pub.AddDate(0, 1, 0), weak: weak})
				case "YEAR":
					out = append(out, dateExpr{pos: i, day: pub.AddDate(1, 0, 0), weak: weak})
				}
			}
			continue
		}
		if m, ok := months[u]; ok && (u != "MAY" || toks[i].cap) && (u != "MARCH" || toks[i].cap) {
			// "Sept. 14", "Sept. 14, 2015", "14 September", "September 2015"
			day, year := 0, 0
			if n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(up(i+1), "TH"), "ST")); err == nil && n >= 1 && n <= 31 {
				day = n
				k := i + 2
				if up(k) == "," {
					k++
				}
				if y, err := strconv.Atoi(up(k)); err == nil && y >= 1900 && y <= 2099 {
					year = y
				}
			} else if n, err := strconv.Atoi(up(i - 1)); err == nil && n >= 1 && n <= 31 {
				day = n
				if y, err := strconv.Atoi(up(i + 1)); err == nil && y >= 1900 && y <= 2099 {
					year = y
				}
			} else if y, err := strconv.Atoi(up(i + 1)); err == nil && y >= 1900 && y <= 2099 {
				out = append(out, dateExpr{pos: i, day: time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), weak: weak})
				continue
			} else if up(i-1) == "IN" || up(i-1) == "LAST" || up(i-1) == "EARLY" || up(i-1) == "LATE" || up(i-1) == "MID" {
				y := pub.Year()
				if m > pub.Month() || up(i-1) == "LAST" && m == pub.Month() {
					y--
				}
				if m == pub.Month() && up(i-1) != "LAST" {
					out = append(out, dateExpr{pos: i, day: pub, weak: weak})
				} else {
					out = append(out, dateExpr{pos: i, day: time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), weak: weak})
				}
				continue
			}
			if day == 0 {
				continue
			}
			// "the November 17 guerrilla group", "the Sept. 11 attacks": a
			// date inside a name dates nothing
			if up(i-1) == "THE" {
				if k := i + 2; k < len(toks) && !toks[k].punct && !toks[k].cap && !closedDateFollowers[toks[k].up] {
					weak = true
				}
			}
			if year == 0 {
				year = pub.Year()
				if time.Date(year, m, day, 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 0, 7)) {
					year--
				}
			}
			out = append(out, dateExpr{pos: i, day: time.Date(year, m, day, 0, 0, 0, 0, time.UTC), weak: weak})
			continue
		}
		if up(i-1) == "IN" && len(u) == 4 {
			if y, err := strconv.Atoi(u); err == nil && y >= 1900 && y <= pub.Year() {
				if _, isMonth := months[up(i-2)]; isMonth {
					continue
				}
				d := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
				if y == pub.Year() {
					d = pub
				}
				out = append(out, dateExpr{pos: i, day: d, weak: weak})
			}
		}
	}
	// relative days count back from the nearest absolute date before them,
	// else after them ("a day earlier, Kiev said on Monday"), else from pub
	for k := range out {
		if out[k].back == 0 {
			continue
		}
		anchor := pub
		found := false
		for j := k - 1; j >= 0 && !found; j-- {
			if !out[j].weak && out[j].back == 0 {
				anchor, found = out[j].day, true
			}
		}
		for j := k + 1; j < len(out) && !found; j++ {
			if !out[j].weak && out[j].back == 0 {
				anchor, found = out[j].day, true
			}
		}
		out[k].day = anchor.AddDate(0, 0, -out[k].back)
	}
	return out
}

// closedDateFollowers may follow a date that dates a clause ("on the May 5
// and", "the March 3 vote was": not a name).
var closedDateFollowers = map[string]bool{"AND": true, "OR": true, "TO": true, "IN": true, "AT": true, "WHEN": true,
	"WAS": true, "IS": true, "WERE": true, "BY": true, "OF": true, "FOR": true}

// daysBack reads "a day earlier", "two days earlier", "the previous day"
// and "the day before" (at the end of a clause) ending at token i: the
// number of days back.
func daysBack(toks []token, i int) (int, bool) {
	up := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return toks[k].up
	}
	switch {
	case up(i) == "EARLIER" && (up(i-1) == "DAY" || up(i-1) == "DAYS"):
		n, ok := countWords[up(i-2)]
		if !ok {
			if v, err := strconv.Atoi(up(i - 2)); err == nil && v > 0 && v < 32 {
				n, ok = v, true
			}
		}
		return n, ok
	case up(i) == "DAY" && up(i-1) == "PREVIOUS" && up(i-2) == "THE":
		return 1, true
	case up(i) == "BEFORE" && up(i-1) == "DAY" && up(i-2) == "THE" && (i+1 >= len(toks) || toks[i+1].punct):
		return 1, true
	}
	return 0, false
}

// eventDate picks the date expression nearest to the verb within the
// clause [lo, hi), else the first non-weak one in the sentence, else def.
func eventDate(ds []dateExpr, verb, lo, hi int, def time.Time) time.Time {
	best, bestDist := -1, 1<<30
	for k, d := range ds {
		if d.weak || d.pos < lo || d.pos >= hi {
			continue
		}
		dist := d.pos - verb
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best >= 0 {
		return ds[best].day
	}
	for _, d := range ds {
		if !d.weak {
			return d.day
		}
	}
	return def
}

// sinceClause reports a date inside a "since" clause a few words before it
// ("since the war began in 2011"): it dates the start of a state, not the
// event.
func sinceClause(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-7; k-- {
		if toks[k].punct {
			return false
		}
		if toks[k].up == "SINCE" {
			return true
		}
	}
	return false
}

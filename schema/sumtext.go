package schema

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// AppendSum appends a row's counts as text, "n q1 q2 q3 q4 g10 first
// last" with days as YYYY-MM-DD: the form in which stores keep packed
// rollups. ParseSum reads it back.
func AppendSum(b []byte, r AggregateRow) []byte {
	b = strconv.AppendInt(b, int64(r.Count), 10)
	for _, q := range r.Quads {
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(q), 10)
	}
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(r.Goldstein10), 10)
	b = append(b, ' ')
	b = r.First.AppendFormat(b, DayLayout)
	b = append(b, ' ')
	return r.Last.AppendFormat(b, DayLayout)
}

// KeyedSumSep ends each entry of a packed list of keyed sums, "KEY sum;"
// (an adjacency list's counterparts, a dyad's months). It is no character
// JSON escapes, so the lists travel as JSON strings without escaping.
const KeyedSumSep = ';'

// AppendKeyedSum appends an entry "KEY sum;" to a packed list.
func AppendKeyedSum(b []byte, key string, r AggregateRow) []byte {
	b = append(b, key...)
	b = append(b, ' ')
	b = AppendSum(b, r)
	return append(b, KeyedSumSep)
}

// ParseKeyedSums calls fn with each entry of a packed list.
func ParseKeyedSums(list string, fn func(key string, r AggregateRow) error) error {
	for entry := range strings.SplitSeq(list, string(KeyedSumSep)) {
		if entry == "" {
			continue
		}
		key, sum, ok := strings.Cut(entry, " ")
		if !ok {
			return fmt.Errorf("malformed rollup entry %q", entry)
		}
		var r AggregateRow
		if err := ParseSum(sum, &r); err != nil {
			return err
		}
		if err := fn(key, r); err != nil {
			return err
		}
	}
	return nil
}

// ParseSum sets a row's counts from text written by AppendSum.
func ParseSum(s string, r *AggregateRow) error {
	var n [6]int
	rest := s
	for i := range n {
		var f string
		var ok bool
		f, rest, ok = strings.Cut(rest, " ")
		v, err := strconv.Atoi(f)
		if !ok || err != nil {
			return fmt.Errorf("malformed rollup sum %q", s)
		}
		n[i] = v
	}
	first, last, ok := strings.Cut(rest, " ")
	if !ok {
		return fmt.Errorf("malformed rollup sum %q", s)
	}
	var err1, err2 error
	r.First, err1 = parseDayFast(first)
	r.Last, err2 = parseDayFast(last)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("malformed rollup sum %q", s)
	}
	r.Count, r.Quads, r.Goldstein10 = n[0], QuadCounts{n[1], n[2], n[3], n[4]}, n[5]
	return nil
}

// parseDayFast parses YYYY-MM-DD, the only form rollups write, without
// time.Parse's layout interpretation: a network reads tens of thousands.
func parseDayFast(s string) (time.Time, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, fmt.Errorf("malformed day %q", s)
	}
	num := func(p string) int {
		v := 0
		for i := 0; i < len(p); i++ {
			c := p[i]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, d := num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 0 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, fmt.Errorf("malformed day %q", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, fmt.Errorf("malformed day %q", s)
	}
	return t, nil
}

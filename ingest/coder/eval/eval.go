// Package eval scores a coder against gold-standard sentences in the JSON
// Lines format of the Dyad evaluation sets: per file recall, precision,
// false-event rate on no-event sentences, date accuracy and a per-root
// confusion table, at root / 3-character actor level (the main score), at
// exact level, and ignoring actors.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/ingest/coder"
)

// GoldEvent is one expected event. Empty Source/Target match any actor; an
// empty Code matches any root listed in the record's CodeRoots.
type GoldEvent struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Code   string `json:"code"`
	// Date (YYYY-MM-DD), when present, is the expected event day.
	Date string `json:"date,omitempty"`
}

// GoldRecord is one sentence with its expected events.
type GoldRecord struct {
	ID        string      `json:"id"`
	Date      string      `json:"date"`
	Text      string      `json:"text"`
	Events    []GoldEvent `json:"events"`
	CodeRoots []string    `json:"code_roots,omitempty"`
	Category  string      `json:"category,omitempty"`
}

// ReadJSONL reads gold records, one JSON object per line.
func ReadJSONL(r io.Reader) ([]GoldRecord, error) {
	var out []GoldRecord
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var g GoldRecord
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("eval: line %d: %w", n, err)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	return out, nil
}

// Score is recall and precision at one level of strictness.
type Score struct {
	Matched     int     `json:"matched_gold"`
	Gold        int     `json:"gold"`
	MatchedPred int     `json:"matched_predicted"`
	Predicted   int     `json:"predicted"`
	Recall      float64 `json:"recall"`
	Precision   float64 `json:"precision"`
	F1          float64 `json:"f1"`
}

func (s *Score) finish() {
	if s.Gold > 0 {
		s.Recall = float64(s.Matched) / float64(s.Gold)
	}
	if s.Predicted > 0 {
		s.Precision = float64(s.MatchedPred) / float64(s.Predicted)
	}
	if s.Recall+s.Precision > 0 {
		s.F1 = 2 * s.Recall * s.Precision / (s.Recall + s.Precision)
	}
}

// Miss is a sentence where prediction and gold differ (for error analysis).
type Miss struct {
	ID        string   `json:"id"`
	Text      string   `json:"text"`
	Gold      []string `json:"gold"`
	Predicted []string `json:"predicted"`
}

// Report is the evaluation of one gold file.
type Report struct {
	Name          string `json:"name"`
	Records       int    `json:"records"`
	EventRecords  int    `json:"event_records"`
	GoldWildcards int    `json:"gold_wildcard_events"`
	// Main is root code + 3-character actors, the headline score.
	Main Score `json:"main"`
	// Exact compares full actor codes and the code at the gold's precision.
	Exact Score `json:"exact"`
	// RootOnly compares roots and ignores actors.
	RootOnly Score `json:"root_only"`
	// NoEvent sentences: how many got at least one prediction.
	NoEventRecords   int     `json:"no_event_records"`
	NoEventFalse     int     `json:"no_event_with_prediction"`
	NoEventPredicted int     `json:"no_event_predicted_events"`
	FalseEventRate   float64 `json:"false_event_rate"`
	DatesChecked     int     `json:"dates_checked"`
	DatesCorrect     int     `json:"dates_correct"`
	DateAccuracy     float64 `json:"date_accuracy"`
	// Confusion counts gold root → predicted root ("--" = nothing) at actor level.
	Confusion map[string]map[string]int `json:"confusion"`
	Misses    []Miss                    `json:"misses,omitempty"`
}

type pred struct {
	src, tgt, code string
	date           time.Time
}

// Evaluate codes every record (its date is the publication date) and
// scores the predictions against the gold events.
func Evaluate(c *coder.Coder, records []GoldRecord) Report {
	rep := Report{Records: len(records), Confusion: map[string]map[string]int{}}
	for _, rec := range records {
		var pub time.Time
		if rec.Date != "" {
			pub, _ = time.Parse("2006-01-02", rec.Date)
		}
		res, _ := c.Code(context.Background(), coder.Document{ID: rec.ID, Text: rec.Text, Published: pub})
		var ps []pred
		seen := map[string]bool{}
		for _, e := range res.Events {
			k := e.Source.Code + "|" + e.Target.Code + "|" + e.Code
			if seen[k] {
				continue
			}
			seen[k] = true
			ps = append(ps, pred{e.Source.Code, e.Target.Code, e.Code, e.Date})
		}
		if len(rec.Events) == 0 {
			rep.NoEventRecords++
			if len(ps) > 0 {
				rep.NoEventFalse++
				rep.NoEventPredicted += len(ps)
				rep.Misses = append(rep.Misses, miss(rec, ps))
			}
			continue
		}
		rep.EventRecords++
		for _, g := range rec.Events {
			if g.Source == "" || g.Target == "" || g.Code == "" {
				rep.GoldWildcards++
			}
		}
		mainOK := rep.score(&rep.Main, rec, ps, levelMain)
		rep.score(&rep.Exact, rec, ps, levelExact)
		rep.score(&rep.RootOnly, rec, ps, levelRoot)
		if !mainOK {
			rep.Misses = append(rep.Misses, miss(rec, ps))
		}
	}
	rep.Main.finish()
	rep.Exact.finish()
	rep.RootOnly.finish()
	if rep.NoEventRecords > 0 {
		rep.FalseEventRate = float64(rep.NoEventFalse) / float64(rep.NoEventRecords)
	}
	if rep.DatesChecked > 0 {
		rep.DateAccuracy = float64(rep.DatesCorrect) / float64(rep.DatesChecked)
	}
	return rep
}

func miss(rec GoldRecord, ps []pred) Miss {
	m := Miss{ID: rec.ID, Text: rec.Text}
	for _, g := range rec.Events {
		m.Gold = append(m.Gold, g.Source+" "+g.Target+" "+g.Code)
	}
	for _, p := range ps {
		m.Predicted = append(m.Predicted, p.src+" "+p.tgt+" "+p.code)
	}
	return m
}

const (
	levelMain = iota
	levelExact
	levelRoot
)

func root(c string) string {
	if len(c) < 2 {
		return c
	}
	return c[:2]
}

func fam(c string) string {
	if len(c) < 3 {
		return c
	}
	if f, ok := isoCountry[c[:3]]; ok {
		return f
	}
	return c[:3]
}

// isoCountry maps the one CAMEO country code that differs from ISO 3166
// (East Timor: CAMEO TMP, ISO TLS) to its ISO form, so gold written with
// either code scores alike.
var isoCountry = map[string]string{"TMP": "TLS"}

func matches(g GoldEvent, roots []string, p pred, level int) bool {
	codeOK := false
	switch {
	case g.Code == "":
		for _, r := range roots {
			if root(p.code) == r {
				codeOK = true
			}
		}
	case level == levelExact:
		codeOK = strings.HasPrefix(p.code, g.Code) || p.code == g.Code
	default:
		codeOK = root(p.code) == root(g.Code)
	}
	if !codeOK {
		return false
	}
	switch level {
	case levelRoot:
		return true
	case levelExact:
		return (g.Source == "" || p.src == g.Source) && (g.Target == "" || p.tgt == g.Target)
	}
	return (g.Source == "" || fam(p.src) == fam(g.Source)) && (g.Target == "" || fam(p.tgt) == fam(g.Target))
}

// score matches predictions to gold one to one (greedy, gold order) and
// reports whether the sentence was fully right.
func (r *Report) score(s *Score, rec GoldRecord, ps []pred, level int) bool {
	// predictions equal after normalisation count once
	var norm []pred
	seen := map[string]bool{}
	for _, p := range ps {
		var k string
		switch level {
		case levelMain:
			k = fam(p.src) + "|" + fam(p.tgt) + "|" + root(p.code)
		case levelRoot:
			k = root(p.code)
		default:
			k = p.src + "|" + p.tgt + "|" + p.code
		}
		if !seen[k] {
			seen[k] = true
			norm = append(norm, p)
		}
	}
	used := make([]bool, len(norm))
	matched := 0
	for _, g := range rec.Events {
		s.Gold++
		hit := -1
		for i, p := range norm {
			if !used[i] && matches(g, rec.CodeRoots, p, level) {
				hit = i
				break
			}
		}
		gr := root(g.Code)
		if gr == "" {
			gr = "??"
		}
		if hit >= 0 {
			used[hit] = true
			s.Matched++
			matched++
			if level == levelMain {
				r.confuse(gr, gr)
				if g.Date != "" {
					r.DatesChecked++
					if !norm[hit].date.IsZero() && norm[hit].date.Format("2006-01-02") == g.Date {
						r.DatesCorrect++
					}
				}
			}
			continue
		}
		if level == levelMain {
			got := "--"
			for i, p := range norm {
				if !used[i] && (g.Source == "" || fam(p.src) == fam(g.Source)) && (g.Target == "" || fam(p.tgt) == fam(g.Target)) {
					got = root(p.code)
					break
				}
			}
			r.confuse(gr, got)
		}
	}
	s.Predicted += len(norm)
	for _, u := range used {
		if u {
			s.MatchedPred++
		}
	}
	return matched == len(rec.Events) && len(norm) == matched
}

func (r *Report) confuse(g, p string) {
	m := r.Confusion[g]
	if m == nil {
		m = map[string]int{}
		r.Confusion[g] = m
	}
	m[p]++
}

// String formats the report as a plain-text table.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s: %d records (%d with events, %d no-event), %d gold events (%d with wildcards)\n",
		r.Name, r.Records, r.EventRecords, r.NoEventRecords, r.Main.Gold, r.GoldWildcards)
	fmt.Fprintf(&b, "%-28s %8s %8s %8s %12s %12s\n", "level", "recall", "prec", "F1", "gold hit", "pred hit")
	for _, row := range []struct {
		name string
		s    Score
	}{{"root + 3-char actors", r.Main}, {"exact code + full actors", r.Exact}, {"root only (no actors)", r.RootOnly}} {
		fmt.Fprintf(&b, "%-28s %8.3f %8.3f %8.3f %5d/%-6d %5d/%-6d\n", row.name, row.s.Recall, row.s.Precision, row.s.F1,
			row.s.Matched, row.s.Gold, row.s.MatchedPred, row.s.Predicted)
	}
	if r.NoEventRecords > 0 {
		fmt.Fprintf(&b, "false events on no-event sentences: %d/%d = %.3f (%d events)\n",
			r.NoEventFalse, r.NoEventRecords, r.FalseEventRate, r.NoEventPredicted)
	}
	if r.DatesChecked > 0 {
		fmt.Fprintf(&b, "event dates right: %d/%d = %.3f\n", r.DatesCorrect, r.DatesChecked, r.DateAccuracy)
	}
	var roots []string
	for g := range r.Confusion {
		roots = append(roots, g)
	}
	sort.Strings(roots)
	b.WriteString("confusion (gold root: predicted root × count; -- = missed):\n")
	for _, g := range roots {
		var cells []string
		var ps []string
		for p := range r.Confusion[g] {
			ps = append(ps, p)
		}
		sort.Strings(ps)
		for _, p := range ps {
			cells = append(cells, fmt.Sprintf("%s×%d", p, r.Confusion[g][p]))
		}
		fmt.Fprintf(&b, "  %s: %s\n", g, strings.Join(cells, " "))
	}
	return b.String()
}

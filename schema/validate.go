package schema

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/schema/cameo"
)

// Limits on what a store accepts.
var (
	// MinDate and MaxDate bound event days and publication times.
	MinDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxDate = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

const (
	maxActorCode = 30
	maxText      = 64 << 10 // bytes of a sentence, title or URL
)

// FieldError is a rejected value: which item, which field and why.
type FieldError struct {
	Item   string // "event 3", "article 0"
	Field  string // "source", "event_code", "date", ...
	Reason string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Item, e.Field, e.Reason)
}

// Prepare checks a batch against the ontology and returns a normalised
// copy: event IDs, roots, quad classes and Goldstein values derived from the
// code, days truncated to UTC, duplicate articles, events and mentions
// merged. Any invalid item rejects the whole batch with a *FieldError.
// Every store calls it before writing, so no backend stores half a batch.
func Prepare(b Batch, o *cameo.Ontology) (Batch, error) {
	var out Batch
	articles := map[string]bool{}
	for i, a := range b.Articles {
		item := fmt.Sprintf("article %d", i)
		a.ID = strings.TrimSpace(a.ID)
		if a.ID == "" {
			return Batch{}, &FieldError{item, "id", "missing"}
		}
		if a.Published.IsZero() {
			return Batch{}, &FieldError{item, "published", "missing"}
		}
		a.Published = a.Published.UTC()
		if a.Published.Before(MinDate) || !a.Published.Before(MaxDate) {
			return Batch{}, &FieldError{item, "published", fmt.Sprintf("%s is outside %s–%s", a.Published.Format(time.RFC3339), MinDate.Format(DayLayout), MaxDate.Format(DayLayout))}
		}
		for _, f := range []struct{ name, v string }{{"id", a.ID}, {"url", a.URL}, {"title", a.Title}, {"outlet", a.Outlet}, {"language", a.Language}} {
			if err := checkText(item, f.name, f.v); err != nil {
				return Batch{}, err
			}
		}
		if articles[a.ID] {
			continue
		}
		articles[a.ID] = true
		out.Articles = append(out.Articles, a)
	}

	events := map[string]int{} // event ID → index in out.Events
	for i, e := range b.Events {
		item := fmt.Sprintf("event %d", i)
		var err error
		if e.Source, err = checkActor(item, "source", e.Source); err != nil {
			return Batch{}, err
		}
		if e.Target, err = checkActor(item, "target", e.Target); err != nil {
			return Batch{}, err
		}
		t, ok := o.Event(e.Code)
		if !ok {
			return Batch{}, &FieldError{item, "event_code", fmt.Sprintf("unknown CAMEO code %q", e.Code)}
		}
		e.Root, e.Quad, e.Goldstein = t.Root, int(t.Quad), t.Goldstein
		if e.Date.IsZero() {
			return Batch{}, &FieldError{item, "date", "missing"}
		}
		e.Date = Day(e.Date)
		if e.Date.Before(MinDate) || !e.Date.Before(MaxDate) {
			return Batch{}, &FieldError{item, "date", fmt.Sprintf("%s is outside %s–%s", e.Date.Format(DayLayout), MinDate.Format(DayLayout), MaxDate.Format(DayLayout))}
		}
		if e.Place != nil {
			p := *e.Place
			p.Name = strings.TrimSpace(p.Name)
			p.Country = strings.ToUpper(strings.TrimSpace(p.Country))
			if p.Name == "" {
				return Batch{}, &FieldError{item, "location.name", "missing"}
			}
			if err := checkText(item, "location.name", p.Name); err != nil {
				return Batch{}, err
			}
			if p.Country != "" {
				if _, ok := o.Country(p.Country); !ok {
					return Batch{}, &FieldError{item, "location.country", fmt.Sprintf("unknown CAMEO country %q", p.Country)}
				}
			}
			if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
				return Batch{}, &FieldError{item, "location.lat/lon", fmt.Sprintf("%v,%v is not a coordinate", p.Lat, p.Lon)}
			}
			e.Place = &p
		}
		if len(e.Mentions) == 0 {
			return Batch{}, &FieldError{item, "mentions", "an event needs at least one mention (its provenance)"}
		}
		mentions := make([]Mention, 0, len(e.Mentions))
		for j, m := range e.Mentions {
			mItem := fmt.Sprintf("%s mention %d", item, j)
			if !articles[m.ArticleID] {
				return Batch{}, &FieldError{mItem, "article_id", fmt.Sprintf("article %q is not in the batch", m.ArticleID)}
			}
			if m.SentenceIndex < 0 {
				return Batch{}, &FieldError{mItem, "sentence_index", "negative"}
			}
			if err := checkText(mItem, "sentence", m.Sentence); err != nil {
				return Batch{}, err
			}
			if m.ReportedBy != nil {
				r, err := checkActor(mItem, "reported_by", *m.ReportedBy)
				if err != nil {
					return Batch{}, err
				}
				m.ReportedBy = &r
			}
			mentions = append(mentions, m)
		}
		e.Mentions = mentions
		e.ID = EventID(e.Source.Code, e.Target.Code, e.Code, e.Date, e.Place)
		e.NumMentions, e.NumOutlets = 0, 0
		if k, dup := events[e.ID]; dup {
			out.Events[k].Mentions = mergeMentions(out.Events[k].ID, out.Events[k].Mentions, e.Mentions)
			continue
		}
		e.Mentions = mergeMentions(e.ID, nil, e.Mentions)
		events[e.ID] = len(out.Events)
		out.Events = append(out.Events, e)
	}
	return out, nil
}

func mergeMentions(eventID string, have, add []Mention) []Mention {
	seen := make(map[string]bool, len(have)+len(add))
	for _, m := range have {
		seen[m.ID(eventID)] = true
	}
	for _, m := range add {
		if id := m.ID(eventID); !seen[id] {
			seen[id] = true
			have = append(have, m)
		}
	}
	return have
}

func checkActor(item, field string, a Actor) (Actor, error) {
	a.Code = strings.ToUpper(strings.TrimSpace(a.Code))
	a.Name = strings.TrimSpace(a.Name)
	if a.Code == "" {
		return a, &FieldError{item, field, "missing actor code"}
	}
	if len(a.Code) < 3 || len(a.Code) > maxActorCode {
		return a, &FieldError{item, field, fmt.Sprintf("actor code %q must have 3 to %d characters", a.Code, maxActorCode)}
	}
	for _, r := range a.Code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return a, &FieldError{item, field, fmt.Sprintf("actor code %q: %q is not allowed", a.Code, r)}
		}
	}
	if a.Name == "" {
		a.Name = a.Code
	}
	return a, checkText(item, field+".name", a.Name)
}

func checkText(item, field, s string) error {
	if !utf8.ValidString(s) {
		return &FieldError{item, field, "not valid UTF-8"}
	}
	if len(s) > maxText {
		return &FieldError{item, field, fmt.Sprintf("%d bytes, more than %d", len(s), maxText)}
	}
	return nil
}

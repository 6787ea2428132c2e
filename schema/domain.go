package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Actor is a CAMEO-coded participant: a country, a sector of a country
// (RUSGOV, SYRREB), an international organisation (IGOUNO) or a group.
type Actor struct {
	// Code is the CAMEO actor code, three-character segments: RUS, RUSMIL, IGOEUREEC.
	Code string `json:"code"`
	// Name is a human-readable name, e.g. "Russia" or "Russian military".
	Name string `json:"name"`
}

// Country returns the first three-character segment of the actor code: the
// country (RUS), or the kind of non-state actor (IGO, NGO, MNC, ---).
func (a Actor) Country() string { return CodeFamily(a.Code) }

// Sector returns the segments after the first: "MIL" for RUSMIL, "" for RUS.
func (a Actor) Sector() string {
	if len(a.Code) <= 3 {
		return ""
	}
	return a.Code[3:]
}

// CodeFamily is the first three characters of a CAMEO actor code.
func CodeFamily(code string) string {
	if len(code) < 3 {
		return code
	}
	return code[:3]
}

// Article is one news report that events were coded from.
type Article struct {
	// ID is stable across runs: derived from the canonical URL, else a hash of the text.
	ID        string    `json:"id"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	Published time.Time `json:"published"`
	Language  string    `json:"language,omitempty"`
}

// Place is where an event happened.
type Place struct {
	Name    string  `json:"name"`
	Country string  `json:"country"` // CAMEO/ISO alpha-3 country code
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
}

// Key identifies a place for deduplication: name and country, case-folded.
func (p Place) Key() string {
	return strings.ToLower(strings.TrimSpace(p.Name)) + "|" + strings.ToUpper(p.Country)
}

// Mention is one report of an event: the provenance of a coded event.
type Mention struct {
	ArticleID string `json:"article_id"`
	// SentenceIndex is the sentence's position in the article, from 0.
	SentenceIndex int    `json:"sentence_index"`
	Sentence      string `json:"sentence"`
	// Evidence lists the matched words: actor phrases and the verb pattern id.
	Evidence []string `json:"evidence,omitempty"`
	// ReportedBy is the actor the sentence attributes the report to, if any.
	ReportedBy *Actor `json:"reported_by,omitempty"`
}

// ID is the stable identity of a mention of an event.
func (m Mention) ID(eventID string) string {
	return hashID("mn", eventID, m.ArticleID, strconv.Itoa(m.SentenceIndex))
}

// Event is an actor–action–target event in the CAMEO ontology. The same
// event (dyad, code, day, place) reported by several articles is one Event
// with several mentions.
type Event struct {
	// ID is derived by EventID; stores fill it when empty.
	ID     string `json:"id"`
	Source Actor  `json:"source"`
	Target Actor  `json:"target"`
	// Code is the CAMEO event code (2–4 digits); Root, Quad and Goldstein
	// follow from it through the ontology.
	Code      string    `json:"event_code"`
	Root      string    `json:"root_code"`
	Quad      int       `json:"quad_class"`
	Goldstein float64   `json:"goldstein"`
	Date      time.Time `json:"date"` // a UTC day
	Place     *Place    `json:"location,omitempty"`
	Mentions  []Mention `json:"mentions,omitempty"`
	// NumMentions and NumOutlets count every stored mention and the distinct
	// outlets of their articles; stores fill them on read.
	NumMentions int `json:"num_mentions,omitempty"`
	NumOutlets  int `json:"num_outlets,omitempty"`
}

// EventID is the identity of an event: who did what to whom, on which day, where.
func EventID(source, target, code string, day time.Time, place *Place) string {
	pk := ""
	if place != nil {
		pk = place.Key()
	}
	return hashID("ev", source, target, code, Day(day).Format(DayLayout), pk)
}

// DayLayout formats event days.
const DayLayout = "2006-01-02"

// Day truncates t to its UTC calendar day.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func hashID(prefix string, parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return prefix + "_" + hex.EncodeToString(h.Sum(nil)[:12])
}

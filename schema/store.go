package schema

import (
	"context"
	"errors"
	"math"
	"time"
)

// ErrNotFound is returned by single-item lookups that find nothing.
var ErrNotFound = errors.New("not found")

// Write failures that retrying will not fix; stores wrap them so callers
// can stop at once instead of backing off.
var (
	ErrReadOnly    = errors.New("the store is read-only")
	ErrStorageFull = errors.New("the store's disk is full")
)

// Store is what Dyad keeps its graph in. Every backend (sqlite, dgraph)
// implements it and passes the conformance suite in schema/storetest, which
// asserts that all backends give identical answers.
//
// Actor selectors: wherever a query names an actor, "RUSGOV" matches that
// exact actor and "RUS*" matches every actor whose code starts with RUS
// (see selector.go).
//
// Conventions every backend keeps (the conformance suite checks them):
// From/To are instants compared with the event day (From inclusive, To
// exclusive); Place compares lower-cased; NumOutlets counts distinct
// non-empty outlets; Aggregate over no events returns no rows.
type Store interface {
	// Write stores a batch of articles and events atomically: either all of
	// it is stored or none. Writing the same batch again stores nothing new.
	// Events reported again by new mentions gain those mentions.
	Write(ctx context.Context, b Batch) (WriteResult, error)

	// Articles returns the articles with the given IDs, in the same order;
	// unknown IDs give a zero Article with an empty ID.
	Articles(ctx context.Context, ids []string) ([]Article, error)
	// Actors returns the summaries of actors with the given codes, in the
	// same order; unknown codes give a summary with an empty Code.
	Actors(ctx context.Context, codes []string) ([]ActorSummary, error)
	// SearchActors finds actors whose code or name contains the search
	// text (case-insensitive), most active first.
	SearchActors(ctx context.Context, search string, first int) ([]ActorSummary, error)

	// Events returns events matching the filter in (date, ID) order, or the
	// reverse with PageRequest.Newest, one page at a time, each with its
	// mentions.
	Events(ctx context.Context, f EventFilter, p PageRequest) (EventPage, error)
	// Aggregate counts matching events grouped by the requested dimensions,
	// in the database. It is the primitive behind relations, timelines,
	// rankings and networks (see the Summarize functions).
	Aggregate(ctx context.Context, f EventFilter, g Grouping) ([]AggregateRow, error)
	// Path returns the shortest chain of actor codes from one actor to
	// another, linked by events in either direction, at most maxHops events
	// long, or nil when there is none.
	Path(ctx context.Context, from, to string, maxHops int) ([]string, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)

	Close() error
}

// Batch is a unit of writing: articles and the events coded from them.
type Batch struct {
	Articles []Article
	Events   []Event
}

// WriteResult says what a write changed.
type WriteResult struct {
	NewArticles int `json:"new_articles"`
	NewEvents   int `json:"new_events"`
	NewMentions int `json:"new_mentions"`
	// MergedEvents counts events already stored that gained a mention.
	MergedEvents int `json:"merged_events"`
}

// Add accumulates another result.
func (r *WriteResult) Add(o WriteResult) {
	r.NewArticles += o.NewArticles
	r.NewEvents += o.NewEvents
	r.NewMentions += o.NewMentions
	r.MergedEvents += o.MergedEvents
}

// Stats counts stored items.
type Stats struct {
	Articles int `json:"articles"`
	Events   int `json:"events"`
	Mentions int `json:"mentions"`
	Actors   int `json:"actors"`
	Places   int `json:"places"`
}

// ActorSummary is an actor with its activity.
type ActorSummary struct {
	Actor
	AsSource int `json:"as_source"` // events with this actor as source
	AsTarget int `json:"as_target"` // events with this actor as target
}

// EventFilter selects events. Empty fields do not filter. Within a list the
// values are alternatives; the fields are combined with AND.
type EventFilter struct {
	Sources []string // source actor selectors
	Targets []string // target actor selectors
	Actors  []string // selectors matching either side
	// CodePrefix matches CAMEO event codes starting with it ("19", "193").
	CodePrefix string
	Roots      []string // two-digit root codes
	Quads      []int    // quad classes 1–4
	From       time.Time
	To         time.Time // exclusive
	Country    string    // the place's country code
	Place      string    // the place name, case-insensitive
	Outlet     string    // an article outlet among the mentions
	// MinMentions keeps events reported at least this many times.
	MinMentions int
}

// PageRequest asks for one page of events after a cursor from a previous page.
type PageRequest struct {
	First int
	After string // opaque cursor; "" starts at the beginning
	// Newest orders pages newest first: (date, ID) descending.
	Newest bool
}

// EventPage is one page of events.
type EventPage struct {
	Events  []Event
	Cursors []string // the cursor of each event, for Relay edges
	HasNext bool
	Total   int // events matching the filter in all pages
}

// Grouping says which dimensions Aggregate groups by. Source and Target group
// by exact actor code; Bucket groups by the event day truncated to a period.
type Grouping struct {
	Source bool
	Target bool
	Code   bool
	Bucket Bucket // "" for no time grouping
}

// Bucket is a period of a timeline.
type Bucket string

// Timeline periods. Weeks start on Monday (ISO 8601).
const (
	BucketDay   Bucket = "DAY"
	BucketWeek  Bucket = "WEEK"
	BucketMonth Bucket = "MONTH"
	BucketYear  Bucket = "YEAR"
)

// AggregateRow is one group of events: its key and its counts. Every store
// fills every count for every grouping, so callers that need quad classes
// or Goldstein sums need not group by code.
type AggregateRow struct {
	Source string    // set when grouped by source
	Target string    // set when grouped by target
	Code   string    // set when grouped by code
	Bucket time.Time // the period's first day, when grouped by bucket
	Count  int
	Quads  QuadCounts // events per quad class
	// Goldstein10 is the summed Goldstein value of the events times ten.
	// CAMEO's Goldstein values have one decimal, so the sum is exact in
	// every store and every summing order.
	Goldstein10 int
	First       time.Time // earliest event day in the group
	Last        time.Time // latest event day in the group
}

// Add counts another row's events in: counts and sums add up, and the
// first and last day widen to cover both.
func (r *AggregateRow) Add(o AggregateRow) {
	r.Count += o.Count
	for i, n := range o.Quads {
		r.Quads[i] += n
	}
	r.Goldstein10 += o.Goldstein10
	if !o.First.IsZero() && (r.First.IsZero() || o.First.Before(r.First)) {
		r.First = o.First
	}
	if o.Last.After(r.Last) {
		r.Last = o.Last
	}
}

// Goldstein10 is a Goldstein value times ten, rounded to an integer: the
// unit AggregateRow sums in.
func Goldstein10(g float64) int { return int(math.Round(g * 10)) }

package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/schema"
)

// Page sizes of Events.
const (
	defaultPageSize = 50
	maxPageSize     = 1000
)

// Events returns one page of the events matching f in (day, ID) order,
// with their mentions. The page and its total are read from one snapshot.
func (s *Store) Events(ctx context.Context, f schema.EventFilter, p schema.PageRequest) (schema.EventPage, error) {
	page, err := s.events(ctx, f, p)
	if err != nil {
		return schema.EventPage{}, fmt.Errorf("sqlite: events: %w", err)
	}
	return page, nil
}

func (s *Store) events(ctx context.Context, f schema.EventFilter, p schema.PageRequest) (schema.EventPage, error) {
	w, err := eventWhere(f)
	if err != nil {
		return schema.EventPage{}, err
	}
	first := p.First
	if first <= 0 {
		first = defaultPageSize
	}
	first = min(first, maxPageSize)
	pw := w
	if p.After != "" {
		day, id, err := decodeCursor(p.After)
		if err != nil {
			return schema.EventPage{}, err
		}
		cmp := ">"
		if p.Newest {
			cmp = "<"
		}
		pw = w.with("(e.day, e.id) "+cmp+" (?, ?)", day, id)
	}

	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return schema.EventPage{}, err
	}
	defer tx.Rollback()
	var page schema.EventPage
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM events e"+w.String(), w.args...).Scan(&page.Total); err != nil {
		return schema.EventPage{}, fmt.Errorf("count: %w", err)
	}
	// When the matches are a large share of all events (a busy actor), it
	// is cheaper to walk events in date order and stop at the page than to
	// fetch every match and sort it: about (first+1)·N/Total rows against
	// Total. SQLite's planner would take the second way for an OR of two
	// actor indexes.
	var maxSeq int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) FROM events").Scan(&maxSeq); err != nil {
		return schema.EventPage{}, fmt.Errorf("count: %w", err)
	}
	byDay := int64(page.Total)*int64(page.Total) > int64(first+1)*maxSeq
	events, seqs, err := queryEvents(ctx, tx, pw, first+1, p.Newest, byDay)
	if err != nil {
		return schema.EventPage{}, err
	}
	if len(events) > first {
		events, seqs, page.HasNext = events[:first], seqs[:first], true
	}
	if err := loadMentions(ctx, tx, events, seqs); err != nil {
		return schema.EventPage{}, err
	}
	page.Events = events
	page.Cursors = make([]string, len(events))
	for i, e := range events {
		page.Cursors[i] = encodeCursor(e.Date.Format(schema.DayLayout), e.ID)
	}
	return page, nil
}

// eventsPage selects a page of events, then their actors' names and
// places: the page is chosen from the events table alone, so that without a
// narrower filter it is read in (day, id) order from events_day_id and
// stops at the limit, instead of sorting every event.
func eventsPage(w *where, newest, byDay bool) string {
	order := "e.day, e.id"
	if newest {
		order = "e.day DESC, e.id DESC"
	}
	from := "events e"
	if byDay {
		from = "events e INDEXED BY events_day_id"
	}
	return `SELECT e.seq, e.id, e.src, sa.name, e.tgt, ta.name, e.code, e.root, e.quad, e.goldstein, e.day,
	p.name, p.country, p.lat, p.lon, e.num_mentions, e.num_outlets
FROM (SELECT * FROM ` + from + w.String() + ` ORDER BY ` + order + ` LIMIT ?) e
JOIN actors sa ON sa.code = e.src
JOIN actors ta ON ta.code = e.tgt
LEFT JOIN places p ON p.key = e.place_key
ORDER BY ` + order
}

// queryEvents reads up to limit events matching w in (day, ID) order,
// without their mentions, and their seqs.
func queryEvents(ctx context.Context, tx *sql.Tx, w *where, limit int, newest, byDay bool) ([]schema.Event, []int64, error) {
	args := append(w.args[:len(w.args):len(w.args)], limit)
	rows, err := tx.QueryContext(ctx, eventsPage(w, newest, byDay), args...)
	if err != nil {
		return nil, nil, fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	var (
		events []schema.Event
		seqs   []int64
	)
	for rows.Next() {
		e, seq, err := scanEvent(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("scan: %w", err)
		}
		events, seqs = append(events, e), append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("query: %w", err)
	}
	return events, seqs, nil
}

func scanEvent(rows *sql.Rows) (schema.Event, int64, error) {
	var (
		seq                  int64
		e                    schema.Event
		day                  string
		placeName, placeCtry sql.NullString
		lat, lon             sql.NullFloat64
	)
	err := rows.Scan(&seq, &e.ID, &e.Source.Code, &e.Source.Name, &e.Target.Code, &e.Target.Name,
		&e.Code, &e.Root, &e.Quad, &e.Goldstein, &day,
		&placeName, &placeCtry, &lat, &lon, &e.NumMentions, &e.NumOutlets)
	if err != nil {
		return e, 0, err
	}
	if e.Date, err = parseDay(day); err != nil {
		return e, 0, err
	}
	if placeName.Valid {
		e.Place = &schema.Place{Name: placeName.String, Country: placeCtry.String, Lat: lat.Float64, Lon: lon.Float64}
	}
	return e, seq, nil
}

const selectMentions = `SELECT m.event_seq, m.article_id, m.sentence_index, m.sentence, m.evidence, m.reporter, r.name
FROM mentions m
LEFT JOIN actors r ON r.code = m.reporter
WHERE m.event_seq IN (SELECT value FROM json_each(?))
ORDER BY m.event_seq, m.article_id, m.sentence_index`

// loadMentions fills in the mentions of events, whose seqs are given, with
// one query.
func loadMentions(ctx context.Context, tx *sql.Tx, events []schema.Event, seqs []int64) error {
	if len(events) == 0 {
		return nil
	}
	index := make(map[int64]int, len(seqs))
	for i, seq := range seqs {
		index[seq] = i
	}
	rows, err := tx.QueryContext(ctx, selectMentions, jsonList(seqs))
	if err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			seq                    int64
			m                      schema.Mention
			evidence               sql.NullString
			reporter, reporterName sql.NullString
		)
		if err := rows.Scan(&seq, &m.ArticleID, &m.SentenceIndex, &m.Sentence, &evidence, &reporter, &reporterName); err != nil {
			return fmt.Errorf("mentions: scan: %w", err)
		}
		if evidence.Valid {
			if err := json.Unmarshal([]byte(evidence.String), &m.Evidence); err != nil {
				return fmt.Errorf("mentions: evidence of %s: %w", events[index[seq]].ID, err)
			}
		}
		if reporter.Valid {
			m.ReportedBy = &schema.Actor{Code: reporter.String, Name: reporterName.String}
		}
		e := &events[index[seq]]
		e.Mentions = append(e.Mentions, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	return nil
}

// A cursor is the base64url encoding of "day|id" of the last event seen.

func encodeCursor(day, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(day + "|" + id))
}

func decodeCursor(c string) (day, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", fmt.Errorf("malformed cursor %q", c)
	}
	day, id, ok := strings.Cut(string(b), "|")
	if _, err := time.Parse(schema.DayLayout, day); !ok || err != nil || id == "" {
		return "", "", fmt.Errorf("malformed cursor %q", c)
	}
	return day, id, nil
}

func parseDay(s string) (time.Time, error) {
	t, err := time.Parse(schema.DayLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored day %q: %w", s, err)
	}
	return t, nil
}

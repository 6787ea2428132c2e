package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/schema"
)

// Write stores a batch in one transaction: all of it or, on any error,
// none of it.
func (s *Store) Write(ctx context.Context, b schema.Batch) (schema.WriteResult, error) {
	if s.readOnly {
		return schema.WriteResult{}, fmt.Errorf("sqlite: write: %w (opened read-only)", ErrReadOnly)
	}
	b, err := schema.Prepare(b, s.onto)
	if err != nil {
		return schema.WriteResult{}, fmt.Errorf("sqlite: write batch: %w", err)
	}
	res, err := s.writeTx(ctx, b)
	if err != nil {
		return schema.WriteResult{}, fmt.Errorf("sqlite: write batch: %w", classify(err))
	}
	s.afterWrite()
	return res, nil
}

func (s *Store) writeTx(ctx context.Context, b schema.Batch) (schema.WriteResult, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return schema.WriteResult{}, err
	}
	defer tx.Rollback()
	w, err := newBatchWriter(ctx, tx)
	if err != nil {
		return schema.WriteResult{}, err
	}
	defer w.close()
	res, err := w.write(ctx, b)
	if err != nil {
		return schema.WriteResult{}, err
	}
	if err := foldIfDue(ctx, tx, s.foldEvery); err != nil {
		return schema.WriteResult{}, err
	}
	return res, tx.Commit()
}

const (
	insertArticle = `INSERT OR IGNORE INTO articles (id, url, title, outlet, published, language) VALUES (?, ?, ?, ?, ?, ?)`
	insertActor   = `INSERT OR IGNORE INTO actors (code, name, name_lower) VALUES (?, ?, ?)`
	insertPlace   = `INSERT OR IGNORE INTO places (key, name, country, lat, lon) VALUES (?, ?, ?, ?, ?)`
	insertEvent   = `INSERT OR IGNORE INTO events
		(id, src, tgt, code, root, quad, goldstein, day, place_key, country, place_name_lower, num_mentions, num_outlets)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	selectEventSeq = `SELECT seq FROM events WHERE id = ?`
	insertMention  = `INSERT OR IGNORE INTO mentions
		(event_seq, article_id, sentence_index, sentence, evidence, reporter)
		VALUES (?, ?, ?, ?, ?, ?)`
	selectOutlets = `SELECT id, outlet FROM articles WHERE id IN (SELECT value FROM json_each(?))`
	// recount counts again the mentions and outlets of the events whose
	// seqs are given as a JSON array.
	recount = `UPDATE events SET
		num_mentions = (SELECT COUNT(*) FROM mentions m WHERE m.event_seq = events.seq),
		num_outlets = (SELECT COUNT(DISTINCT a.outlet) FROM mentions m JOIN articles a ON a.id = m.article_id
			WHERE m.event_seq = events.seq AND a.outlet <> '')
		WHERE seq IN (SELECT value FROM json_each(?))`
)

// batchWriter writes one batch in a transaction with prepared statements.
type batchWriter struct {
	tx                                              *sql.Tx
	article, actor, place, event, eventSeq, mention *sql.Stmt
	// outlets maps the batch's article IDs to their stored outlets.
	outlets map[string]string
}

func newBatchWriter(ctx context.Context, tx *sql.Tx) (*batchWriter, error) {
	w := &batchWriter{tx: tx, outlets: map[string]string{}}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&w.article, insertArticle},
		{&w.actor, insertActor},
		{&w.place, insertPlace},
		{&w.event, insertEvent},
		{&w.eventSeq, selectEventSeq},
		{&w.mention, insertMention},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*p.stmt = stmt
	}
	return w, nil
}

func (w *batchWriter) close() {
	for _, s := range []*sql.Stmt{w.article, w.actor, w.place, w.event, w.eventSeq, w.mention} {
		if s != nil {
			s.Close()
		}
	}
}

// write inserts a prepared batch, parents before children. New events are
// inserted with their counts; events already stored that gained mentions
// are counted again afterwards.
func (w *batchWriter) write(ctx context.Context, b schema.Batch) (schema.WriteResult, error) {
	var res schema.WriteResult
	n, err := w.articles(ctx, b.Articles)
	if err != nil {
		return res, err
	}
	res.NewArticles = n
	if err := w.actorsAndPlaces(ctx, b.Events); err != nil {
		return res, err
	}
	var merged []int64 // stored events that gained a mention
	for _, e := range b.Events {
		seq, isNew, mentions, err := w.eventWithMentions(ctx, e)
		if err != nil {
			return res, fmt.Errorf("event %s: %w", e.ID, err)
		}
		res.NewMentions += mentions
		switch {
		case isNew:
			res.NewEvents++
		case mentions > 0:
			res.MergedEvents++
			merged = append(merged, seq)
		}
	}
	if len(merged) > 0 {
		if _, err := w.tx.ExecContext(ctx, recount, jsonList(merged)); err != nil {
			return res, fmt.Errorf("count mentions: %w", err)
		}
	}
	return res, nil
}

// articles inserts the articles and learns the outlets they are stored
// with: those of articles already stored may differ from the batch's.
func (w *batchWriter) articles(ctx context.Context, articles []schema.Article) (int, error) {
	added := 0
	var stored []string
	for _, a := range articles {
		n, err := execCount(ctx, w.article, a.ID, a.URL, a.Title, a.Outlet, a.Published.Format(time.RFC3339Nano), a.Language)
		if err != nil {
			return 0, fmt.Errorf("article %s: %w", a.ID, err)
		}
		if n == 0 {
			stored = append(stored, a.ID)
			continue
		}
		added++
		w.outlets[a.ID] = a.Outlet
	}
	if len(stored) == 0 {
		return added, nil
	}
	rows, err := w.tx.QueryContext(ctx, selectOutlets, jsonList(stored))
	if err != nil {
		return 0, fmt.Errorf("outlets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, outlet string
		if err := rows.Scan(&id, &outlet); err != nil {
			return 0, fmt.Errorf("outlets: %w", err)
		}
		w.outlets[id] = outlet
	}
	return added, rows.Err()
}

// actorsAndPlaces inserts the actors and places the events refer to, each
// once per batch, in the order they appear: the first name written wins.
func (w *batchWriter) actorsAndPlaces(ctx context.Context, events []schema.Event) error {
	actors := map[string]bool{}
	places := map[string]bool{}
	actor := func(a schema.Actor) error {
		if actors[a.Code] {
			return nil
		}
		actors[a.Code] = true
		if _, err := w.actor.ExecContext(ctx, a.Code, a.Name, strings.ToLower(a.Name)); err != nil {
			return fmt.Errorf("actor %s: %w", a.Code, err)
		}
		return nil
	}
	for _, e := range events {
		if err := actor(e.Source); err != nil {
			return err
		}
		if err := actor(e.Target); err != nil {
			return err
		}
		for _, m := range e.Mentions {
			if m.ReportedBy == nil {
				continue
			}
			if err := actor(*m.ReportedBy); err != nil {
				return err
			}
		}
		if p := e.Place; p != nil && !places[p.Key()] {
			places[p.Key()] = true
			if _, err := w.place.ExecContext(ctx, p.Key(), p.Name, p.Country, p.Lat, p.Lon); err != nil {
				return fmt.Errorf("place %s: %w", p.Key(), err)
			}
		}
	}
	return nil
}

// eventWithMentions inserts an event, or finds it stored, and inserts its
// mentions. It returns the event's seq, whether it is new and how many of
// its mentions are.
func (w *batchWriter) eventWithMentions(ctx context.Context, e schema.Event) (seq int64, isNew bool, mentions int, err error) {
	if seq, isNew, err = w.insertEvent(ctx, e); err != nil {
		return 0, false, 0, err
	}
	for _, m := range e.Mentions {
		var evidence, reporter any // NULL when empty
		if len(m.Evidence) > 0 {
			evidence = jsonList(m.Evidence)
		}
		if m.ReportedBy != nil {
			reporter = m.ReportedBy.Code
		}
		n, err := execCount(ctx, w.mention, seq, m.ArticleID, m.SentenceIndex, m.Sentence, evidence, reporter)
		if err != nil {
			return 0, false, 0, fmt.Errorf("mention %s/%d: %w", m.ArticleID, m.SentenceIndex, err)
		}
		mentions += n
	}
	return seq, isNew, mentions, nil
}

// insertEvent inserts an event with the counts of its mentions, all new
// when the event is, and returns its seq; a stored event is looked up.
func (w *batchWriter) insertEvent(ctx context.Context, e schema.Event) (seq int64, isNew bool, err error) {
	var placeKey any // NULL without a place
	country, placeName := "", ""
	if e.Place != nil {
		placeKey, country, placeName = e.Place.Key(), e.Place.Country, strings.ToLower(e.Place.Name)
	}
	r, err := w.event.ExecContext(ctx, e.ID, e.Source.Code, e.Target.Code, e.Code, e.Root, e.Quad, e.Goldstein,
		e.Date.Format(schema.DayLayout), placeKey, country, placeName, len(e.Mentions), w.countOutlets(e.Mentions))
	if err != nil {
		return 0, false, err
	}
	n, err := r.RowsAffected()
	if err != nil {
		return 0, false, err
	}
	if n == 1 {
		seq, err = r.LastInsertId()
		return seq, err == nil, err
	}
	err = w.eventSeq.QueryRowContext(ctx, e.ID).Scan(&seq)
	return seq, false, err
}

// countOutlets counts the distinct non-empty outlets of the mentions'
// articles.
func (w *batchWriter) countOutlets(mentions []schema.Mention) int {
	seen := make(map[string]bool, len(mentions))
	for _, m := range mentions {
		if o := w.outlets[m.ArticleID]; o != "" {
			seen[o] = true
		}
	}
	return len(seen)
}

// execCount runs a statement and returns the number of rows it changed.
func execCount(ctx context.Context, stmt *sql.Stmt, args ...any) (int, error) {
	r, err := stmt.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	return int(n), err
}

// jsonList encodes a list as a JSON array: one query parameter for
// `IN (SELECT value FROM json_each(?))`, or a stored list.
func jsonList[T string | int64](list []T) string {
	if list == nil {
		list = []T{}
	}
	b, err := json.Marshal(list)
	if err != nil {
		panic(err) // cannot happen: strings and integers always marshal
	}
	return string(b)
}

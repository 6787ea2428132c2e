package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/schema"
)

// Articles returns the articles with the given IDs in the same order; an
// unknown ID gives a zero Article.
func (s *Store) Articles(ctx context.Context, ids []string) ([]schema.Article, error) {
	const q = `SELECT id, url, title, outlet, published, language FROM articles
		WHERE id IN (SELECT value FROM json_each(?))`
	rows, err := s.r.QueryContext(ctx, q, jsonList(ids))
	if err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	defer rows.Close()
	found := make(map[string]schema.Article, len(ids))
	for rows.Next() {
		var a schema.Article
		var published string
		if err := rows.Scan(&a.ID, &a.URL, &a.Title, &a.Outlet, &published, &a.Language); err != nil {
			return nil, fmt.Errorf("sqlite: articles: %w", err)
		}
		if a.Published, err = time.Parse(time.RFC3339Nano, published); err != nil {
			return nil, fmt.Errorf("sqlite: articles: %s: %w", a.ID, err)
		}
		found[a.ID] = a
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	out := make([]schema.Article, len(ids))
	for i, id := range ids {
		out[i] = found[id]
	}
	return out, nil
}

// actorSummaries selects the actors of the CTE "chosen(code, name)" with
// their event counts, summed from the all-time dyad rollup and the events
// not yet folded into it (rollup.go): a row per partner, not per event.
const actorSummaries = `,
tail AS (SELECT src, tgt FROM events NOT INDEXED WHERE seq > (SELECT folded_seq FROM rollup_state)),
src AS (SELECT code, SUM(n) AS n FROM (
	SELECT src AS code, n FROM rollup_total WHERE src IN (SELECT code FROM chosen)
	UNION ALL SELECT src, 1 FROM tail WHERE src IN (SELECT code FROM chosen)) GROUP BY code),
tgt AS (SELECT code, SUM(n) AS n FROM (
	SELECT tgt AS code, n FROM rollup_total WHERE tgt IN (SELECT code FROM chosen)
	UNION ALL SELECT tgt, 1 FROM tail WHERE tgt IN (SELECT code FROM chosen)) GROUP BY code)
SELECT c.code, c.name, COALESCE(src.n, 0) AS as_source, COALESCE(tgt.n, 0) AS as_target
FROM chosen c
LEFT JOIN src ON src.code = c.code
LEFT JOIN tgt ON tgt.code = c.code`

// Actors returns the summaries of the actors with the given codes in the
// same order; an unknown code gives a zero summary. Codes are matched
// after upper-casing.
func (s *Store) Actors(ctx context.Context, codes []string) ([]schema.ActorSummary, error) {
	norm := make([]string, len(codes))
	for i, c := range codes {
		norm[i] = normalizeCode(c)
	}
	const q = `WITH chosen AS (SELECT code, name FROM actors WHERE code IN (SELECT value FROM json_each(?)))` + actorSummaries
	found, err := s.actorQuery(ctx, q, jsonList(norm))
	if err != nil {
		return nil, fmt.Errorf("sqlite: actors: %w", err)
	}
	byCode := make(map[string]schema.ActorSummary, len(found))
	for _, a := range found {
		byCode[a.Code] = a
	}
	out := make([]schema.ActorSummary, len(codes))
	for i, c := range norm {
		out[i] = byCode[c]
	}
	return out, nil
}

// Search result sizes.
const (
	defaultSearchSize = 20
	maxSearchSize     = 1000
)

// SearchActors finds the actors whose code or name contains search,
// ignoring case, the most active first, then by code.
func (s *Store) SearchActors(ctx context.Context, search string, first int) ([]schema.ActorSummary, error) {
	if first <= 0 {
		first = defaultSearchSize
	}
	first = min(first, maxSearchSize)
	search = strings.TrimSpace(search)
	const q = `WITH chosen AS (SELECT code, name FROM actors WHERE instr(code, ?) > 0 OR instr(name_lower, ?) > 0)` +
		actorSummaries + `
ORDER BY as_source + as_target DESC, c.code
LIMIT ?`
	out, err := s.actorQuery(ctx, q, strings.ToUpper(search), strings.ToLower(search), first)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search actors: %w", err)
	}
	return out, nil
}

func (s *Store) actorQuery(ctx context.Context, q string, args ...any) ([]schema.ActorSummary, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []schema.ActorSummary
	for rows.Next() {
		var a schema.ActorSummary
		if err := rows.Scan(&a.Code, &a.Name, &a.AsSource, &a.AsTarget); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Stats counts the stored articles, events, mentions, actors and places.
func (s *Store) Stats(ctx context.Context) (schema.Stats, error) {
	const q = `SELECT
		(SELECT COUNT(*) FROM articles),
		(SELECT COUNT(*) FROM events),
		(SELECT COUNT(*) FROM mentions),
		(SELECT COUNT(*) FROM actors),
		(SELECT COUNT(*) FROM places)`
	var st schema.Stats
	err := s.r.QueryRowContext(ctx, q).Scan(&st.Articles, &st.Events, &st.Mentions, &st.Actors, &st.Places)
	if err != nil {
		return schema.Stats{}, fmt.Errorf("sqlite: stats: %w", err)
	}
	return st, nil
}

func normalizeCode(c string) string { return strings.ToUpper(strings.TrimSpace(c)) }

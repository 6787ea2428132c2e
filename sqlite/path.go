package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dyadgraph/dyad/schema"
)

// MaxPathHops bounds the length of a path.
const MaxPathHops = 6

// neighbours finds, for every actor linked by an event in either direction
// to an actor of the frontier (a JSON array), its smallest linked frontier
// actor, ordered by actor code.
const neighbours = `SELECT n, MIN(p) FROM (
	SELECT tgt AS n, src AS p FROM events WHERE src IN (SELECT value FROM json_each(?1))
	UNION ALL
	SELECT src AS n, tgt AS p FROM events WHERE tgt IN (SELECT value FROM json_each(?1))
) GROUP BY n ORDER BY n`

// Path returns the shortest chain of actor codes from one actor to another,
// linked by events in either direction, at most maxHops (capped at
// MaxPathHops) events long, or nil when there is none. It searches breadth
// first, one query per hop; among shortest chains it takes the one whose
// actors, read from the end, have the smallest codes.
func (s *Store) Path(ctx context.Context, from, to string, maxHops int) ([]string, error) {
	path, err := s.path(ctx, normalizeCode(from), normalizeCode(to), min(maxHops, MaxPathHops))
	if err != nil {
		return nil, fmt.Errorf("sqlite: path %s→%s: %w", from, to, err)
	}
	return path, nil
}

func (s *Store) path(ctx context.Context, from, to string, maxHops int) ([]string, error) {
	for _, c := range []string{from, to} {
		if sel, err := schema.ParseSelector(c); err != nil || sel.Prefix {
			return nil, fmt.Errorf("%q is not an actor code", c)
		}
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if from == to {
		var exists bool
		err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM actors WHERE code = ?)`, from).Scan(&exists)
		if err != nil || !exists {
			return nil, err
		}
		return []string{from}, nil
	}
	parent := map[string]string{from: ""}
	frontier := []string{from}
	for hop := 1; hop <= maxHops && len(frontier) > 0; hop++ {
		if frontier, err = expand(ctx, tx, frontier, parent); err != nil {
			return nil, fmt.Errorf("hop %d: %w", hop, err)
		}
		if _, found := parent[to]; found {
			return walkBack(parent, to), nil
		}
	}
	return nil, nil
}

// expand visits the unvisited neighbours of the frontier, recording their
// parents, and returns them as the next frontier.
func expand(ctx context.Context, tx *sql.Tx, frontier []string, parent map[string]string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, neighbours, jsonList(frontier))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var next []string
	for rows.Next() {
		var n, p string
		if err := rows.Scan(&n, &p); err != nil {
			return nil, err
		}
		if _, seen := parent[n]; !seen {
			parent[n] = p
			next = append(next, n)
		}
	}
	return next, rows.Err()
}

// walkBack follows parents from the end of a path to its start.
func walkBack(parent map[string]string, end string) []string {
	var rev []string
	for c := end; c != ""; c = parent[c] {
		rev = append(rev, c)
	}
	path := make([]string, len(rev))
	for i, c := range rev {
		path[len(rev)-1-i] = c
	}
	return path
}

package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migrations are the schema versions in order: migrations[i] takes the
// database to version i+1. Append new versions; never edit applied ones.
var migrations = []string{
	// 1: articles, actors, places, events and their mentions.
	`
CREATE TABLE articles (
	id        TEXT PRIMARY KEY,
	url       TEXT NOT NULL,
	title     TEXT NOT NULL,
	outlet    TEXT NOT NULL,
	published TEXT NOT NULL, -- RFC 3339, UTC
	language  TEXT NOT NULL
);

-- Actors include the reporters of mentions. The first name written wins.
CREATE TABLE actors (
	code       TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	name_lower TEXT NOT NULL -- for case-insensitive search beyond ASCII
);

CREATE TABLE places (
	key     TEXT PRIMARY KEY, -- schema.Place.Key()
	name    TEXT NOT NULL,
	country TEXT NOT NULL,
	lat     REAL NOT NULL,
	lon     REAL NOT NULL
);

-- seq orders events by arrival; mentions refer to it, so the mentions of
-- new events are appended instead of scattered by the hashed event ID.
CREATE TABLE events (
	seq              INTEGER PRIMARY KEY,
	id               TEXT NOT NULL UNIQUE, -- schema.EventID
	src              TEXT NOT NULL REFERENCES actors(code),
	tgt              TEXT NOT NULL REFERENCES actors(code),
	code             TEXT NOT NULL,
	root             TEXT NOT NULL,
	quad             INTEGER NOT NULL,
	goldstein        REAL NOT NULL,
	day              TEXT NOT NULL, -- YYYY-MM-DD
	place_key        TEXT REFERENCES places(key),
	country          TEXT NOT NULL, -- the place's country, '' without one
	place_name_lower TEXT NOT NULL, -- the place's name, '' without one
	num_mentions     INTEGER NOT NULL,
	num_outlets      INTEGER NOT NULL -- distinct non-empty outlets
);
CREATE INDEX events_src_day ON events(src, day);
CREATE INDEX events_tgt_day ON events(tgt, day);
CREATE INDEX events_day_id ON events(day, id);
CREATE INDEX events_code ON events(code);

-- A mention is identified by its event, article and sentence, as
-- schema.Mention.ID is.
CREATE TABLE mentions (
	event_seq      INTEGER NOT NULL REFERENCES events(seq),
	article_id     TEXT NOT NULL REFERENCES articles(id),
	sentence_index INTEGER NOT NULL,
	sentence       TEXT NOT NULL,
	evidence       TEXT, -- JSON array of strings, NULL when empty
	reporter       TEXT REFERENCES actors(code),
	PRIMARY KEY (event_seq, article_id, sentence_index)
) WITHOUT ROWID;
CREATE INDEX mentions_article ON mentions(article_id);
`,
	// Version 2: a covering index for dyads, so relations and timelines of
	// two exact actors read a few index entries instead of every event of
	// the busier actor; it replaces events_src_day, whose (src) prefix it
	// keeps, so writes maintain no more indexes than before.
	`DROP INDEX events_src_day;
CREATE INDEX events_dyad ON events(src, tgt, day, code);`,
	// Version 3: the same for targets, so rankings of an actor's
	// supporters (events towards it, grouped by source and code) read only
	// the index; it replaces events_tgt_day.
	`DROP INDEX events_tgt_day;
CREATE INDEX events_target ON events(tgt, src, code, day);`,
	// Version 4: per-dyad rollups for networks and rankings (rollup.go),
	// filled from the events already stored.
	rollupMigration(),
	// Version 5: per-actor adjacency lists of the all-time rollups
	// (rollup.go), built from the rollups already folded.
	adjacencyMigration(),
}

// migrate brings the database up to len(migs), applying each missing
// version in its own transaction.
func migrate(ctx context.Context, db *sql.DB, migs []string) error {
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`
	if _, err := db.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	current, err := schemaVersion(ctx, db)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if current > len(migs) {
		return fmt.Errorf("migrate: the database is at schema version %d, newer than this program's %d", current, len(migs))
	}
	for v := current + 1; v <= len(migs); v++ {
		if err := applyMigration(ctx, db, v, migs[v-1]); err != nil {
			return fmt.Errorf("migrate to version %d: %w", v, err)
		}
	}
	return nil
}

// applyMigration applies one version unless it is already applied. The
// check runs inside the transaction, so concurrent openers apply each
// version once.
func applyMigration(ctx context.Context, db *sql.DB, version int, stmts string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done bool
	err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)`, version).Scan(&done)
	if err != nil || done {
		return err
	}
	if _, err := tx.ExecContext(ctx, stmts); err != nil {
		return err
	}
	now := time.Now().UTC().Format(time.RFC3339)
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, version, now); err != nil {
		return err
	}
	return tx.Commit()
}

func schemaVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v int
	err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

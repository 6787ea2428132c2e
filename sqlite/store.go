// Package sqlite is the SQLite storage backend of Dyad: a schema.Store kept
// in one database file. It uses the pure-Go driver modernc.org/sqlite, so no
// cgo is needed.
//
// The database runs in WAL mode. Writes go through a single connection,
// because SQLite allows one writer at a time, and reads through a pool of
// connections that WAL lets run beside the writer.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

var _ schema.Store = (*Store)(nil)

// Store is a schema.Store in an SQLite database. It is safe for concurrent
// use.
type Store struct {
	w    *sql.DB // the one writing connection
	r    *sql.DB // reading connections; the same pool as w for ":memory:"
	onto *cameo.Ontology
	// readOnly: opened by OpenReadOnly; w is r and Write fails.
	readOnly bool
	// foldEvery: new events that make a write fold the rollups' tail;
	// foldIdle: the pause in writes after which the tail is folded.
	foldEvery int
	foldIdle  time.Duration
	folder    idleFolder
}

// DSN parameters every connection gets. The driver runs busy_timeout
// first, so the others wait for locks instead of failing, and the
// _journal_mode shorthand after the _pragma list, so that page_size still
// applies to a new database before WAL fixes it. Pages of 16 KiB make the
// scattered index updates of a batch cost fewer WAL frames than 4 KiB ones.
const basePragmas = "_pragma=busy_timeout(10000)" +
	"&_pragma=page_size(16384)" +
	"&_pragma=synchronous(NORMAL)" +
	"&_pragma=foreign_keys(1)" +
	"&_journal_mode=WAL"

const (
	// writeParams: BEGIN IMMEDIATE takes the write lock when a transaction
	// starts, so a transaction never fails to upgrade a read lock; a 64 MiB
	// page cache and WAL checkpoints every 64 MiB suit batches of
	// thousands of events.
	writeParams = basePragmas + "&_pragma=cache_size(-32768)&_pragma=wal_autocheckpoint(4096)&_txlock=immediate"
	readParams  = basePragmas + "&_pragma=cache_size(-8192)&_pragma=query_only(1)"
	memoryPath  = ":memory:"
)

// Open opens the database at path, creating it if needed, and brings its
// schema up to date. The path ":memory:" gives a private in-memory
// database.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, migrations)
}

func open(ctx context.Context, path string, migs []string) (*Store, error) {
	onto, err := cameo.Standard()
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	if path == "" || strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("sqlite: open %q: want a file path without '?'", path)
	}
	s := &Store{onto: onto, foldEvery: DefaultFoldEvery, foldIdle: DefaultFoldIdle}
	s.folder.ctx, s.folder.cancel = context.WithCancel(context.Background())
	if s.w, err = sql.Open("sqlite", path+"?"+writeParams); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// One writing connection, kept open: writers queue for it instead of
	// failing with SQLITE_BUSY, and a ":memory:" database lives as long
	// as its connection.
	s.w.SetMaxOpenConns(1)
	s.w.SetMaxIdleConns(1)
	s.w.SetConnMaxLifetime(0)
	s.w.SetConnMaxIdleTime(0)
	if err := migrate(ctx, s.w, migs); err != nil {
		s.w.Close()
		if path != memoryPath && notWritable(path, err) {
			return nil, fmt.Errorf("sqlite: open %s: %w: the file or its directory cannot be written (%v)", path, ErrReadOnly, err)
		}
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// Refresh the query planner's statistics if they are missing or stale,
	// as SQLite recommends for long-lived connections.
	// Best effort: statistics are an optimisation, and a full disk must
	// not keep a store from being opened and read.
	s.w.ExecContext(ctx, "PRAGMA optimize=0x10002")
	// Fold a tail left by a process that stopped before folding it;
	// best effort for the same reason.
	s.fold(ctx)
	if path == memoryPath {
		s.r = s.w
		return s, nil
	}
	if s.r, err = sql.Open("sqlite", path+"?"+readParams); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	s.r.SetMaxOpenConns(n)
	s.r.SetMaxIdleConns(n)
	return s, nil
}

// Close lets SQLite refresh its query planner statistics and closes the
// database.
func (s *Store) Close() error {
	if s.readOnly {
		if err := s.r.Close(); err != nil {
			return fmt.Errorf("sqlite: close: %w", err)
		}
		return nil
	}
	s.stopFolding()
	// Best effort, as PRAGMA optimize: a store that cannot fold now reads
	// its tail beside the rollups.
	s.fold(context.Background())
	_, errOpt := s.w.Exec("PRAGMA optimize")
	var errR error
	if s.r != s.w {
		errR = s.r.Close()
	}
	if err := errors.Join(errOpt, errR, s.w.Close()); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}
